{{ config(materialized='ephemeral') }}
select
    e.event_id,
    e.user_id,
    e.event_type,
    t.category,
    t.weight,
    e.occurred_at
from {{ source('app', 'events') }} as e
join {{ ref('event_types') }} as t on t.event_type = e.event_type
