-- Each dashboard mart (each dimension of daily_categories) accounts for every ride of fact_rides
-- exactly once, with the same revenue: no date missed or counted twice by an incremental run.
with rides as (
    select count(*) as trips, coalesce(sum(total_amount), 0) as revenue
    from {{ ref('fact_rides') }}
),

marts as (
    select 'daily_hours' as mart, coalesce(sum(trip_count), 0) as trips,
           coalesce(sum(revenue_sum), 0) as revenue
    from {{ ref('daily_hours') }}
    union all
    select 'daily_zones', coalesce(sum(trip_count), 0), coalesce(sum(revenue_sum), 0)
    from {{ ref('daily_zones') }}
    union all
    select 'daily_payments', coalesce(sum(trip_count), 0), coalesce(sum(revenue_sum), 0)
    from {{ ref('daily_payments') }}
    union all
    select 'daily_borough_flows', coalesce(sum(trip_count), 0), coalesce(sum(revenue_sum), 0)
    from {{ ref('daily_borough_flows') }}
    union all
    select 'daily_categories:' || dimensions.dimension, coalesce(sum(categories.trip_count), 0),
           coalesce(sum(categories.revenue_sum), 0)
    from (values ('distance'), ('fare')) as dimensions (dimension)
    left join {{ ref('daily_categories') }} as categories
        on categories.dimension = dimensions.dimension
    group by dimensions.dimension
)

select marts.mart, marts.trips as mart_trips, rides.trips as fact_trips,
       marts.revenue as mart_revenue, rides.revenue as fact_revenue
from marts cross join rides
where marts.trips <> rides.trips or marts.revenue <> rides.revenue
