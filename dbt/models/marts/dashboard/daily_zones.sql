-- Per event date and pickup zone: trips, passengers and the sums behind revenue, average fare and
-- average tip percentage over any date range.
select
    rides.event_date,
    rides.pickup_zone_id,
    min(rides.pickup_zone_name) as pickup_zone_name,
    min(rides.pickup_borough) as pickup_borough,
    count(*) as trip_count,
    sum(rides.passenger_count) as passenger_sum,
    sum(rides.fare_amount) as fare_sum,
    sum(rides.tip_percentage) as tip_pct_sum,
    sum(rides.trip_distance_miles) as distance_sum,
    sum(rides.total_amount) as revenue_sum,
    max(rides.loaded_at) as last_loaded_at
from {{ ref('fact_rides') }} as rides
{{ changed_event_dates_filter('rides') }}
group by rides.event_date, rides.pickup_zone_id
