-- Per event date and borough flow (pickup borough → dropoff borough): trips and the sums behind
-- revenue and average fare over any date range.
select
    rides.event_date,
    rides.pickup_borough,
    rides.dropoff_borough,
    rides.borough_flow,
    count(*) as trip_count,
    sum(rides.fare_amount) as fare_sum,
    sum(rides.total_amount) as revenue_sum,
    max(rides.loaded_at) as last_loaded_at
from {{ ref('fact_rides') }} as rides
{{ changed_event_dates_filter('rides') }}
group by rides.event_date, rides.pickup_borough, rides.dropoff_borough, rides.borough_flow
