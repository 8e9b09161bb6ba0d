package dev.taxiplatform.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import dev.taxiplatform.core.ride.BusinessCalendar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three aggregates over all processed rides, kept incrementally: each holds additive columns
 * (counts and exact decimal sums) so a run merges its new rides into the previous snapshot instead
 * of re-reading every ride, and derived columns (averages, shares) computed from those sums.
 *
 * @param name the aggregate's name and output prefix ({@code zone-stats}, …)
 * @param keys the grouping columns (over processed rides)
 * @param sums additive column name to the per-ride expression it sums
 * @param derived derived column name to its expression over keys and sums
 */
public record RideAggregates(
    String name, List<String> keys, Map<String, String> sums, Map<String, String> derived) {
  public RideAggregates {
    keys = List.copyOf(keys);
    sums = new LinkedHashMap<>(sums);
    derived = new LinkedHashMap<>(derived);
  }

  static final String COUNT = "CAST(1 AS BIGINT)";

  /** A derived column may use the total ride count over all keys under this name. */
  static final String ALL_RIDES = "all_rides";

  public static final RideAggregates ZONE_STATS =
      new RideAggregates(
          "zone-stats",
          List.of("pickup_zone_id", "pickup_zone_name", "pickup_borough"),
          ordered(
              "ride_count", COUNT,
              "total_passengers", "CAST(passenger_count AS BIGINT)",
              "total_distance_miles", money("trip_distance_miles"),
              "total_duration_minutes", money("duration_minutes"),
              "total_fare", money("fare_amount"),
              "total_tip", money("tip_amount"),
              "total_tolls", money("tolls_amount"),
              "total_revenue", money("total_amount"),
              "tip_percentage_sum", money("tip_percentage"),
              "rush_hour_rides", "CAST(CASE WHEN is_rush_hour THEN 1 ELSE 0 END AS BIGINT)"),
          ordered(
              "avg_fare", average("total_fare", 10),
              "avg_distance_miles", average("total_distance_miles", 8),
              "avg_duration_minutes", average("total_duration_minutes", 8),
              "avg_tip_percentage", average("tip_percentage_sum", 6),
              "avg_revenue", average("total_revenue", 10)));

  public static final RideAggregates HOURLY_STATS =
      new RideAggregates(
          "hourly-stats",
          List.of("event_date", "event_hour"),
          ordered(
              "ride_count", COUNT,
              "total_passengers", "CAST(passenger_count AS BIGINT)",
              "total_distance_miles", money("trip_distance_miles"),
              "total_duration_minutes", money("duration_minutes"),
              "total_fare", money("fare_amount"),
              "total_tip", money("tip_amount"),
              "total_revenue", money("total_amount")),
          ordered(
              "avg_fare", average("total_fare", 10),
              "avg_distance_miles", average("total_distance_miles", 8),
              "avg_duration_minutes", average("total_duration_minutes", 8),
              "is_rush_hour", BusinessCalendar.rushHourSql("event_hour"),
              "is_weekend", BusinessCalendar.weekendSql("event_date")));

  public static final RideAggregates PAYMENT_STATS =
      new RideAggregates(
          "payment-stats",
          List.of("payment_type"),
          ordered(
              "ride_count", COUNT,
              "total_fare", money("fare_amount"),
              "total_tip", money("tip_amount"),
              "total_revenue", money("total_amount"),
              "tip_percentage_sum", money("tip_percentage")),
          ordered(
              "avg_fare", average("total_fare", 10),
              "avg_tip_percentage", average("tip_percentage_sum", 6),
              "avg_revenue", average("total_revenue", 10),
              "ride_share_percentage",
                  "CAST(round(ride_count * 100.0 / " + ALL_RIDES + ", 2) AS DECIMAL(6,2))"));

  public static final List<RideAggregates> ALL = List.of(ZONE_STATS, HOURLY_STATS, PAYMENT_STATS);

  /**
   * The snapshot over {@code rides} and the rides of {@code previous}, a snapshot, if any: the
   * rides' own values of the additive columns and the previous sums are summed in one aggregation
   * (one shuffle, not one to sum the rides and another to merge).
   */
  public Dataset<Row> snapshot(Dataset<Row> rides, Optional<Dataset<Row>> previous) {
    Dataset<Row> values = rideValues(rides);
    return snapshot(previous.map(p -> sumsOf(p).unionByName(values)).orElse(values));
  }

  /**
   * Each ride's keys and its value of each additive column, typed as its expression is (a count, or
   * an amount as {@code DECIMAL(8,2)}, which Spark sums in a long): the union with a previous
   * snapshot's sums widens them to the sums' types.
   */
  private Dataset<Row> rideValues(Dataset<Row> rides) {
    return keysAnd(rides, (column, expression) -> expr(expression).as(column));
  }

  /**
   * Sums the additive columns of {@code values} (rides' values, earlier sums, or both) into one row
   * per key and adds the derived columns.
   */
  public Dataset<Row> snapshot(Dataset<Row> values) {
    List<Column> aggregations = new ArrayList<>();
    sums.keySet().forEach(column -> aggregations.add(sum(col(column)).as(column)));
    Dataset<Row> merged =
        typedSums(
            values
                .groupBy(
                    keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(
                    aggregations.get(0),
                    aggregations.subList(1, aggregations.size()).toArray(Column[]::new)));
    if (derived.values().stream().anyMatch(e -> e.contains(ALL_RIDES))) {
      // A window over all rows (a handful), not a join with their total, which would compute the
      // aggregation twice.
      merged = merged.withColumn(ALL_RIDES, sum(col("ride_count")).over());
    }
    List<Column> columns = new ArrayList<>();
    keys.forEach(k -> columns.add(col(k)));
    sums.keySet().forEach(s -> columns.add(col(s)));
    derived.forEach((column, expression) -> columns.add(expr(expression).as(column)));
    return merged.select(columns.toArray(Column[]::new));
  }

  /** The key and sum columns of a snapshot, to merge with new partial sums. */
  public Dataset<Row> sumsOf(Dataset<Row> snapshot) {
    List<Column> columns = new ArrayList<>();
    keys.forEach(k -> columns.add(col(k)));
    sums.keySet().forEach(s -> columns.add(col(s)));
    return snapshot.select(columns.toArray(Column[]::new));
  }

  /** Every output column, in order. */
  public List<String> columns() {
    List<String> columns = new ArrayList<>(keys);
    columns.addAll(sums.keySet());
    columns.addAll(derived.keySet());
    return columns;
  }

  /**
   * The snapshot of the rides in table {@code rides} as one SQL query (for engines without Spark's
   * API), computing exactly what {@link #snapshot} of {@link #partial} computes.
   */
  public String snapshotSql(String rides) {
    String keyList = String.join(", ", keys);
    List<String> sumItems = new ArrayList<>();
    sums.forEach(
        (column, expression) ->
            sumItems.add(
                "CAST(sum(%s) AS %s) AS %s".formatted(expression, sumType(expression), column)));
    String grouped =
        "SELECT %s, %s FROM %s GROUP BY %s"
            .formatted(keyList, String.join(", ", sumItems), rides, keyList);
    String merged =
        derived.values().stream().anyMatch(e -> e.contains(ALL_RIDES))
            ? "SELECT * FROM sums CROSS JOIN (SELECT sum(ride_count) AS %s FROM sums)"
                .formatted(ALL_RIDES)
            : "SELECT * FROM sums";
    List<String> items = new ArrayList<>(keys);
    items.addAll(sums.keySet());
    derived.forEach((column, expression) -> items.add(expression + " AS " + column));
    return "WITH sums AS (%s), merged AS (%s) SELECT %s FROM merged"
        .formatted(grouped, merged, String.join(", ", items));
  }

  private Dataset<Row> typedSums(Dataset<Row> grouped) {
    return keysAnd(
        grouped, (column, expression) -> col(column).cast(sumType(expression)).as(column));
  }

  /**
   * The keys of {@code data} and, for each additive column, {@code value} of its name and per-ride
   * expression.
   */
  private Dataset<Row> keysAnd(Dataset<Row> data, BiFunction<String, String, Column> value) {
    List<Column> columns = new ArrayList<>();
    keys.forEach(k -> columns.add(col(k)));
    sums.forEach((column, expression) -> columns.add(value.apply(column, expression)));
    return data.select(columns.toArray(Column[]::new));
  }

  private static String sumType(String expression) {
    return expression.equals(COUNT) || expression.contains("BIGINT") ? "bigint" : "decimal(18,2)";
  }

  /**
   * A ride's amount (or distance, duration, percentage) to sum, as {@code DECIMAL(8,2)}: Spark sums
   * a decimal of at most 8 digits in a long, straight into the sum's {@code DECIMAL(18,2)}, and a
   * wider one through a {@code BigDecimal} per row. Every such value of a ride is below a million
   * (the rules cap amounts at 5,000 USD, distances at 200 miles, durations at 720 minutes; the tip
   * percentage is a {@code DECIMAL(6,2)}); a larger one would fail the run (ANSI casts), not wrap.
   */
  private static String money(String column) {
    return "CAST(" + column + " AS DECIMAL(8,2))";
  }

  private static String average(String sumColumn, int precision) {
    return "CAST(round(%s / ride_count, 2) AS DECIMAL(%d,2))".formatted(sumColumn, precision);
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
