{{
    config(
        materialized='incremental',
        unique_key='ride_id',
        on_schema_change='append_new_columns'
    )
}}

select enriched.*
from {{ ref('int_rides_enriched') }} as enriched

{% if is_incremental() %}
-- Only rides not yet in the fact table: the loader never changes a loaded ride.
where not exists (
    select 1 from {{ this }} as existing
    where existing.ride_id = enriched.ride_id
)
{% endif %}
