package dev.taxiplatform.dashboard.data;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The statements behind the panels. Each takes the same bound parameters (the range's first and
 * last date; the categories query first takes the categories, as a text array, and the dimension)
 * and returns the columns {@link MartQueries} reads.
 *
 * @param kpis one row: rides, average_fare, revenue, passengers
 * @param topZones pickup_zone_id, zone, borough, trips, revenue, average_fare, average_tip_pct
 * @param payments payment_type, trips, revenue, revenue_share_pct, average_fare, average_tip_pct
 * @param hourly hour (every hour 0–23), trips, average_fare, revenue
 * @param categories category (each asked for, in order), trips, average_fare, average_tip_pct,
 *     revenue
 * @param boroughFlows borough_flow, pickup_borough, dropoff_borough, trips, revenue, average_fare
 * @param summary one row over all dates: rides, first_date, last_date, newest_ride, newest_load
 */
public record PanelSql(
    String kpis,
    String topZones,
    String payments,
    String hourly,
    String categories,
    String boroughFlows,
    String summary) {
  /** How many zones and flows the top panels show. */
  public static final int TOP = 10;

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  public PanelSql {
    requireNonNull(kpis, "kpis");
    requireNonNull(topZones, "topZones");
    requireNonNull(payments, "payments");
    requireNonNull(hourly, "hourly");
    requireNonNull(categories, "categories");
    requireNonNull(boroughFlows, "boroughFlows");
    requireNonNull(summary, "summary");
  }

  /**
   * The panels from the dashboard's daily marts in {@code schema}: a few rows per date whatever the
   * number of rides. Averages over a range are the marts' sums divided by their counts, rounded
   * half up by PostgreSQL's {@code round(numeric, 2)}: exact. Ties are broken by zone id, and by
   * name in byte order ({@code collate "C"}).
   */
  public static PanelSql marts(String schema) {
    String s = quoted(schema);
    return new PanelSql(
        """
      select coalesce(sum(trip_count), 0) as rides,
             round(sum(fare_sum) / nullif(sum(trip_count), 0), 2) as average_fare,
             coalesce(sum(revenue_sum), 0.00) as revenue,
             coalesce(sum(passenger_sum), 0) as passengers
      from %s.daily_hours
      where event_date between ? and ?
      """
            .formatted(s),
        """
      select pickup_zone_id,
             min(pickup_zone_name) as zone,
             min(pickup_borough) as borough,
             sum(trip_count) as trips,
             sum(revenue_sum) as revenue,
             round(sum(fare_sum) / sum(trip_count), 2) as average_fare,
             round(sum(tip_pct_sum) / sum(trip_count), 2) as average_tip_pct
      from %s.daily_zones
      where event_date between ? and ?
      group by pickup_zone_id
      order by revenue desc, pickup_zone_id
      limit %d
      """
            .formatted(s, TOP),
        """
      select payment_type,
             sum(trip_count) as trips,
             sum(revenue_sum) as revenue,
             round(100 * sum(revenue_sum) / nullif(sum(sum(revenue_sum)) over (), 0), 2)
                 as revenue_share_pct,
             round(sum(fare_sum) / sum(trip_count), 2) as average_fare,
             round(sum(tip_pct_sum) / sum(trip_count), 2) as average_tip_pct
      from %s.daily_payments
      where event_date between ? and ?
      group by payment_type
      order by revenue desc, payment_type collate "C"
      """
            .formatted(s),
        """
      select hours.hour,
             coalesce(sum(marts.trip_count), 0) as trips,
             round(sum(marts.fare_sum) / nullif(sum(marts.trip_count), 0), 2) as average_fare,
             coalesce(sum(marts.revenue_sum), 0.00) as revenue
      from generate_series(0, 23) as hours (hour)
      left join %s.daily_hours as marts
          on marts.event_hour = hours.hour and marts.event_date between ? and ?
      group by hours.hour
      order by hours.hour
      """
            .formatted(s),
        """
      select wanted.category,
             coalesce(sum(marts.trip_count), 0) as trips,
             round(sum(marts.fare_sum) / nullif(sum(marts.trip_count), 0), 2) as average_fare,
             round(sum(marts.tip_pct_sum) / nullif(sum(marts.trip_count), 0), 2)
                 as average_tip_pct,
             coalesce(sum(marts.revenue_sum), 0.00) as revenue
      from unnest(?::text[]) with ordinality as wanted (category, position)
      left join %s.daily_categories as marts
          on marts.dimension = ? and marts.category = wanted.category
          and marts.event_date between ? and ?
      group by wanted.category, wanted.position
      order by wanted.position
      """
            .formatted(s),
        """
      select borough_flow,
             min(pickup_borough) as pickup_borough,
             min(dropoff_borough) as dropoff_borough,
             sum(trip_count) as trips,
             sum(revenue_sum) as revenue,
             round(sum(fare_sum) / sum(trip_count), 2) as average_fare
      from %s.daily_borough_flows
      where event_date between ? and ?
      group by borough_flow
      order by trips desc, borough_flow collate "C"
      limit %d
      """
            .formatted(s, TOP),
        """
      select coalesce(sum(trip_count), 0) as rides, min(event_date) as first_date,
             max(event_date) as last_date, max(last_event_ts) as newest_ride,
             max(last_loaded_at) as newest_load
      from %s.daily_hours
      """
            .formatted(s));
  }

  /** {@code schema} as a quoted identifier, once checked to be a plain lower-case name. */
  public static String quoted(String schema) {
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException("Not a schema name: " + schema);
    }
    return '"' + schema + '"';
  }
}
