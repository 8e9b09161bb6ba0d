package dev.taxiplatform.dashboard.data;

import static java.util.Objects.requireNonNull;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The dashboard's queries: every panel from the daily marts (a few rows per date, never {@code
 * fact_rides}), with the date range as bound parameters. Averages over a range are the marts' sums
 * divided by their counts, rounded half up by PostgreSQL's {@code round(numeric, 2)}: exact.
 */
public final class MartQueries {
  /** The schema the platform's SQL models build their marts in. */
  public static final String MARTS_SCHEMA = "public_marts";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final List<String> DISTANCE_CATEGORIES = List.of("short", "medium", "long");
  private static final List<String> FARE_CATEGORIES = List.of("budget", "standard", "premium");
  private static final int TOP = 10;

  private final DataSource dataSource;
  private final String kpis;
  private final String topZones;
  private final String payments;
  private final String hourly;
  private final String categories;
  private final String boroughFlows;
  private final String summary;

  /**
   * @param dataSource connections to the warehouse (read-only)
   * @param schema the marts' schema, {@link #MARTS_SCHEMA} but for tests
   */
  public MartQueries(DataSource dataSource, String schema) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException("Not a schema name: " + schema);
    }
    String s = '"' + schema + '"';
    this.kpis =
        """
        select coalesce(sum(trip_count), 0) as rides,
               round(sum(fare_sum) / nullif(sum(trip_count), 0), 2) as average_fare,
               coalesce(sum(revenue_sum), 0.00) as revenue,
               coalesce(sum(passenger_sum), 0) as passengers
        from %s.daily_hours
        where event_date between ? and ?
        """
            .formatted(s);
    this.topZones =
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
            .formatted(s, TOP);
    this.payments =
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
            .formatted(s);
    this.hourly =
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
            .formatted(s);
    this.categories =
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
            .formatted(s);
    this.boroughFlows =
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
            .formatted(s, TOP);
    this.summary =
        """
        select coalesce(sum(trip_count), 0) as rides, min(event_date) as first_date,
               max(event_date) as last_date, max(last_event_ts) as newest_ride,
               max(last_loaded_at) as newest_load
        from %s.daily_hours
        """
            .formatted(s);
  }

  /** A panel's rows over {@code range}. */
  public List<? extends Record> panel(Panel panel, DateRange range) throws SQLException {
    return switch (panel) {
      case KPIS -> List.of(kpis(range));
      case TOP_ZONES -> topZones(range);
      case PAYMENTS -> payments(range);
      case HOURLY -> hourly(range);
      case DISTANCE_CATEGORIES -> categories("distance", DISTANCE_CATEGORIES, range);
      case FARE_CATEGORIES -> categories("fare", FARE_CATEGORIES, range);
      case BOROUGH_FLOWS -> boroughFlows(range);
    };
  }

  public Kpis kpis(DateRange range) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(kpis)) {
      bindRange(statement, 1, range);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return new Kpis(
            result.getLong("rides"),
            result.getBigDecimal("average_fare"),
            result.getBigDecimal("revenue"),
            result.getLong("passengers"));
      }
    }
  }

  public List<ZoneRevenue> topZones(DateRange range) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(topZones)) {
      bindRange(statement, 1, range);
      List<ZoneRevenue> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new ZoneRevenue(
                  rows.size() + 1,
                  result.getInt("pickup_zone_id"),
                  result.getString("zone"),
                  result.getString("borough"),
                  result.getLong("trips"),
                  result.getBigDecimal("revenue"),
                  result.getBigDecimal("average_fare"),
                  result.getBigDecimal("average_tip_pct")));
        }
      }
      return rows;
    }
  }

  public List<PaymentRevenue> payments(DateRange range) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(payments)) {
      bindRange(statement, 1, range);
      List<PaymentRevenue> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new PaymentRevenue(
                  result.getString("payment_type"),
                  result.getLong("trips"),
                  result.getBigDecimal("revenue"),
                  result.getBigDecimal("revenue_share_pct"),
                  result.getBigDecimal("average_fare"),
                  result.getBigDecimal("average_tip_pct")));
        }
      }
      return rows;
    }
  }

  public List<HourlyTrips> hourly(DateRange range) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(hourly)) {
      bindRange(statement, 1, range);
      List<HourlyTrips> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new HourlyTrips(
                  result.getInt("hour"),
                  result.getLong("trips"),
                  result.getBigDecimal("average_fare"),
                  result.getBigDecimal("revenue")));
        }
      }
      return rows;
    }
  }

  public List<CategoryStats> categories(String dimension, List<String> names, DateRange range)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(categories)) {
      Array wanted = connection.createArrayOf("text", names.toArray());
      statement.setArray(1, wanted);
      statement.setString(2, dimension);
      bindRange(statement, 3, range);
      List<CategoryStats> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new CategoryStats(
                  result.getString("category"),
                  result.getLong("trips"),
                  result.getBigDecimal("average_fare"),
                  result.getBigDecimal("average_tip_pct"),
                  result.getBigDecimal("revenue")));
        }
      }
      wanted.free();
      return rows;
    }
  }

  public List<BoroughFlow> boroughFlows(DateRange range) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(boroughFlows)) {
      bindRange(statement, 1, range);
      List<BoroughFlow> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new BoroughFlow(
                  rows.size() + 1,
                  result.getString("borough_flow"),
                  result.getString("pickup_borough"),
                  result.getString("dropoff_borough"),
                  result.getLong("trips"),
                  result.getBigDecimal("revenue"),
                  result.getBigDecimal("average_fare")));
        }
      }
      return rows;
    }
  }

  /** What the marts hold over all dates. */
  public MartsSummary summary() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(summary);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return new MartsSummary(
          result.getLong("rides"),
          Optional.ofNullable(result.getObject("first_date", LocalDate.class)),
          Optional.ofNullable(result.getObject("last_date", LocalDate.class)),
          instant(result.getTimestamp("newest_ride")),
          instant(result.getTimestamp("newest_load")));
    }
  }

  /**
   * The orchestrator's most recent pipeline run; empty when there is none or the orchestrator's
   * tables do not exist (it never ran against this warehouse).
   */
  public Optional<PipelineRunInfo> lastPipelineRun() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select run_id, pipeline, state, trigger, queued_at, started_at, ended_at"
                    + " from platform.pipeline_runs order by run_id desc limit 1");
        ResultSet result = statement.executeQuery()) {
      if (!result.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new PipelineRunInfo(
              result.getLong("run_id"),
              result.getString("pipeline"),
              result.getString("state"),
              result.getString("trigger"),
              instant(result.getTimestamp("queued_at")).orElse(null),
              instant(result.getTimestamp("started_at")).orElse(null),
              instant(result.getTimestamp("ended_at")).orElse(null)));
    } catch (SQLException e) {
      if (WarehouseFailure.of(e) == WarehouseFailure.MARTS_ABSENT
          || WarehouseFailure.isPermissionDenied(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static void bindRange(PreparedStatement statement, int index, DateRange range)
      throws SQLException {
    statement.setObject(index, range.lowerBound());
    statement.setObject(index + 1, range.upperBound());
  }

  private static Optional<Instant> instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
  }
}
