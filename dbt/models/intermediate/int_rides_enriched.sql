select
    rides.*,
    case
        when rides.trip_distance_miles < 2 then 'short'
        when rides.trip_distance_miles < 10 then 'medium'
        else 'long'
    end as distance_category,
    case
        when rides.total_amount < 15 then 'budget'
        when rides.total_amount < 40 then 'standard'
        else 'premium'
    end as fare_category,
    case
        when rides.tip_percentage = 0 then 'no_tip'
        when rides.tip_percentage < 15 then 'low_tip'
        when rides.tip_percentage < 20 then 'standard_tip'
        else 'generous_tip'
    end as tip_category,
    rides.pickup_borough || ' → ' || rides.dropoff_borough as borough_flow
from {{ ref('stg_rides') }} as rides
