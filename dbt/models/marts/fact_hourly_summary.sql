select
    event_date,
    event_hour,
    count(*) as trip_count,
    {{ round_money('avg(fare_amount)') }} as avg_fare,
    {{ round_money('sum(total_amount)') }} as hourly_revenue,
    {{ round_money('avg(trip_distance_miles)') }} as avg_distance,
    sum(passenger_count) as total_passengers,
    {{ round_money('avg(tip_percentage)') }} as avg_tip_pct,
    count(*) filter (where is_rush_hour) as rush_hour_trips,
    count(*) filter (where distance_category = 'long') as long_trips
from {{ ref('fact_rides') }}
group by event_date, event_hour
