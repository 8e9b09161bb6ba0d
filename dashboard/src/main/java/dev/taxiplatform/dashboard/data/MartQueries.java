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
import javax.sql.DataSource;

/**
 * The dashboard's queries: every panel from the daily marts (a few rows per date, never {@code
 * fact_rides}; see {@link PanelSql#marts}), with the date range as bound parameters, read into the
 * panels' rows.
 */
public final class MartQueries {
  /** The schema the platform's SQL models build their marts in. */
  public static final String MARTS_SCHEMA = "public_marts";

  private static final List<String> DISTANCE_CATEGORIES = List.of("short", "medium", "long");
  private static final List<String> FARE_CATEGORIES = List.of("budget", "standard", "premium");

  private final DataSource dataSource;
  private final PanelSql sql;

  /**
   * @param dataSource connections to the warehouse (read-only)
   * @param schema the marts' schema, {@link #MARTS_SCHEMA} but for tests
   */
  public MartQueries(DataSource dataSource, String schema) {
    this(dataSource, PanelSql.marts(schema));
  }

  /**
   * @param dataSource connections to the warehouse (read-only)
   * @param sql the panels' statements (the marts', or others with the same parameters and columns)
   */
  public MartQueries(DataSource dataSource, PanelSql sql) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.sql = requireNonNull(sql, "sql");
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
        PreparedStatement statement = connection.prepareStatement(sql.kpis())) {
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
        PreparedStatement statement = connection.prepareStatement(sql.topZones())) {
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
        PreparedStatement statement = connection.prepareStatement(sql.payments())) {
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
        PreparedStatement statement = connection.prepareStatement(sql.hourly())) {
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
        PreparedStatement statement = connection.prepareStatement(sql.categories())) {
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
        PreparedStatement statement = connection.prepareStatement(sql.boroughFlows())) {
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
        PreparedStatement statement = connection.prepareStatement(sql.summary());
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
