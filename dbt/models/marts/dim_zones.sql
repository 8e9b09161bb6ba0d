select
    pickup_zone_id,
    min(pickup_zone_name) as pickup_zone_name,
    min(pickup_borough) as pickup_borough,
    count(*) as total_trips,
    {{ round_money('avg(fare_amount)') }} as avg_fare,
    {{ round_money('avg(tip_percentage)') }} as avg_tip_pct,
    {{ round_money('avg(trip_distance_miles)') }} as avg_distance,
    {{ round_money('avg(duration_minutes)') }} as avg_duration,
    {{ round_money('sum(total_amount)') }} as total_revenue,
    {{ round_money('avg(passenger_count)') }} as avg_passengers,
    rank() over (order by sum(total_amount) desc) as revenue_rank
from {{ ref('fact_rides') }}
group by pickup_zone_id
