-- Per event date, for the distance and the fare categories: trips and the sums behind average fare
-- and average tip percentage over any date range. dimension is 'distance' or 'fare'.
with rides as (

    select *
    from {{ ref('fact_rides') }} as rides
    {{ changed_event_dates_filter('rides') }}

)

select
    event_date,
    'distance' as dimension,
    distance_category as category,
    count(*) as trip_count,
    sum(fare_amount) as fare_sum,
    sum(tip_percentage) as tip_pct_sum,
    sum(total_amount) as revenue_sum,
    max(loaded_at) as last_loaded_at
from rides
group by event_date, distance_category

union all

select
    event_date,
    'fare' as dimension,
    fare_category as category,
    count(*) as trip_count,
    sum(fare_amount) as fare_sum,
    sum(tip_percentage) as tip_pct_sum,
    sum(total_amount) as revenue_sum,
    max(loaded_at) as last_loaded_at
from rides
group by event_date, fare_category
