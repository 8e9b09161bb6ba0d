-- Per event date and hour: the sums and counts the dashboard adds up over any date range for its
-- KPIs and hourly pattern (an average over a range is a sum divided by a count: exact).
select
    rides.event_date,
    rides.event_hour,
    count(*) as trip_count,
    sum(rides.passenger_count) as passenger_sum,
    sum(rides.fare_amount) as fare_sum,
    sum(rides.tip_percentage) as tip_pct_sum,
    sum(rides.total_amount) as revenue_sum,
    min(rides.event_ts) as first_event_ts,
    max(rides.event_ts) as last_event_ts,
    max(rides.loaded_at) as last_loaded_at
from {{ ref('fact_rides') }} as rides
{{ changed_event_dates_filter('rides') }}
group by rides.event_date, rides.event_hour
