{{ config(materialized='incremental', unique_key='event_id', incremental_strategy='merge') }}
select
    event_id,
    user_id,
    event_type,
    category,
    {{ weighted('weight', 2) }} as score,
    occurred_at
from {{ ref('int_events_typed') }}
{% if is_incremental() %}
where occurred_at > (select max(occurred_at) from {{ this }})
{% endif %}
