-- Every zone with rides has earned something: a zone at or below zero means broken amounts.
select pickup_zone_id, total_revenue
from {{ ref('dim_zones') }}
where total_revenue <= 0
