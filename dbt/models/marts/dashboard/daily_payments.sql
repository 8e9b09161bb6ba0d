-- Per event date and payment type: trips and the sums behind revenue, average fare and average tip
-- percentage over any date range.
select
    rides.event_date,
    rides.payment_type,
    count(*) as trip_count,
    sum(rides.fare_amount) as fare_sum,
    sum(rides.tip_percentage) as tip_pct_sum,
    sum(rides.total_amount) as revenue_sum,
    max(rides.loaded_at) as last_loaded_at
from {{ ref('fact_rides') }} as rides
{{ changed_event_dates_filter('rides') }}
group by rides.event_date, rides.payment_type
