-- The hourly summary accounts for every ride exactly once: no ride lost or counted twice.
with summary as (
    select coalesce(sum(trip_count), 0) as trips from {{ ref('fact_hourly_summary') }}
),
rides as (
    select count(*) as trips from {{ ref('fact_rides') }}
)
select summary.trips as summary_trips, rides.trips as fact_trips
from summary cross join rides
where summary.trips <> rides.trips
