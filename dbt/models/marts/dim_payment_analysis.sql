select
    payment_type,
    count(*) as trip_count,
    {{ round_money('avg(fare_amount)') }} as avg_fare,
    {{ round_money('avg(tip_percentage)') }} as avg_tip_pct,
    {{ round_money('sum(total_amount)') }} as total_revenue,
    {{ round_money('100.0 * count(*) / sum(count(*)) over ()') }} as pct_of_trips,
    {{ round_money('avg(trip_distance_miles)') }} as avg_distance,
    count(*) filter (where fare_category = 'premium') as premium_trips
from {{ ref('fact_rides') }}
group by payment_type
