package dev.taxiplatform.dashboard.bench;

import dev.taxiplatform.dashboard.data.PanelSql;

/**
 * The benchmark's reference: every panel computed by scanning {@code fact_rides} (one row per ride)
 * with the same parameters and columns as the marts' statements, so the results must be equal.
 */
final class FactRidesSql {
  private FactRidesSql() {}

  static PanelSql of(String schema) {
    String rides = PanelSql.quoted(schema) + ".fact_rides";
    return new PanelSql(
        """
        select count(*) as rides,
               round(avg(fare_amount), 2) as average_fare,
               coalesce(sum(total_amount), 0.00) as revenue,
               coalesce(sum(passenger_count), 0) as passengers
        from %s
        where event_date between ? and ?
        """
            .formatted(rides),
        """
        select pickup_zone_id,
               min(pickup_zone_name) as zone,
               min(pickup_borough) as borough,
               count(*) as trips,
               sum(total_amount) as revenue,
               round(avg(fare_amount), 2) as average_fare,
               round(avg(tip_percentage), 2) as average_tip_pct
        from %s
        where event_date between ? and ?
        group by pickup_zone_id
        order by revenue desc, pickup_zone_id
        limit %d
        """
            .formatted(rides, PanelSql.TOP),
        """
        select payment_type,
               count(*) as trips,
               sum(total_amount) as revenue,
               round(100 * sum(total_amount) / nullif(sum(sum(total_amount)) over (), 0), 2)
                   as revenue_share_pct,
               round(avg(fare_amount), 2) as average_fare,
               round(avg(tip_percentage), 2) as average_tip_pct
        from %s
        where event_date between ? and ?
        group by payment_type
        order by revenue desc, payment_type collate "C"
        """
            .formatted(rides),
        """
        select hours.hour,
               count(rides.ride_id) as trips,
               round(avg(rides.fare_amount), 2) as average_fare,
               coalesce(sum(rides.total_amount), 0.00) as revenue
        from generate_series(0, 23) as hours (hour)
        left join %s as rides
            on rides.event_hour = hours.hour and rides.event_date between ? and ?
        group by hours.hour
        order by hours.hour
        """
            .formatted(rides),
        """
        select wanted.category,
               count(rides.ride_id) as trips,
               round(avg(rides.fare_amount), 2) as average_fare,
               round(avg(rides.tip_percentage), 2) as average_tip_pct,
               coalesce(sum(rides.total_amount), 0.00) as revenue
        from unnest(?::text[]) with ordinality as wanted (category, position)
        left join %s as rides
            on case ? when 'distance' then rides.distance_category else rides.fare_category end
                = wanted.category
            and rides.event_date between ? and ?
        group by wanted.category, wanted.position
        order by wanted.position
        """
            .formatted(rides),
        """
        select borough_flow,
               min(pickup_borough) as pickup_borough,
               min(dropoff_borough) as dropoff_borough,
               count(*) as trips,
               sum(total_amount) as revenue,
               round(avg(fare_amount), 2) as average_fare
        from %s
        where event_date between ? and ?
        group by borough_flow
        order by trips desc, borough_flow collate "C"
        limit %d
        """
            .formatted(rides, PanelSql.TOP),
        """
        select count(*) as rides, min(event_date) as first_date, max(event_date) as last_date,
               max(event_ts) as newest_ride, max(loaded_at) as newest_load
        from %s
        """
            .formatted(rides));
  }
}
