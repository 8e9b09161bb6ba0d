package dev.taxiplatform.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.taxiplatform.core.ride.RideIdRule;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The cleaning rules, in the order they are checked: a row is quarantined under the first rule it
 * fails. Amounts and distances are checked as they will be stored, rounded to cents.
 */
public final class RideRules {
  /** The most miles a taxi ride can plausibly cover. */
  public static final int MAX_DISTANCE_MILES = 200;

  /** The longest plausible ride: a driver's 12-hour shift. */
  public static final int MAX_DURATION_MINUTES = 720;

  /** The highest plausible average speed. */
  public static final int MAX_SPEED_MPH = 100;

  /** The highest plausible single amount, in USD. */
  public static final int MAX_AMOUNT = 5000;

  /** The highest plausible tip, as a multiple of the fare. */
  public static final int MAX_TIP_TO_FARE = 50;

  /** The least amount that rounds to a cent (half up), as SQL. */
  private static final String HALF_CENT = "0.005";

  /** A metered fare's rough expectation: flag fall plus a rate per mile, in USD. */
  static final String EXPECTED_FARE = "(2.5 + 2.5 * trip_distance_miles)";

  public static final List<String> PAYMENT_TYPES =
      List.of("credit_card", "cash", "no_charge", "dispute");

  public static final List<String> RATE_CODES =
      List.of("standard", "jfk", "newark", "nassau_westchester", "negotiated", "group_ride");

  public static final List<RideRule> RULES =
      List.of(
          new RideRule("missing_ride_id", "ride_id IS NULL OR trim(ride_id) = ''", "no ride_id"),
          new RideRule(
              "invalid_ride_id",
              // No anchored pattern: a Java pattern's $ also matches before a final line break.
              "length(ride_id) > "
                  + RideIdRule.MAX_LENGTH
                  + " OR rlike(ride_id, '[^"
                  + RideIdRule.CHARACTER_RANGE
                  + "]')",
              "ride_id not " + RideIdRule.DESCRIPTION),
          new RideRule(
              "missing_value",
              "event_timestamp IS NULL OR pickup_zone_id IS NULL OR dropoff_zone_id IS NULL"
                  + " OR passenger_count IS NULL OR trip_distance_miles IS NULL"
                  + " OR duration_minutes IS NULL OR payment_type IS NULL OR rate_code IS NULL"
                  + " OR fare_amount IS NULL OR tip_amount IS NULL OR tolls_amount IS NULL"
                  + " OR total_amount IS NULL OR isnan(trip_distance_miles)"
                  + " OR isnan(duration_minutes) OR isnan(fare_amount) OR isnan(tip_amount)"
                  + " OR isnan(tolls_amount) OR isnan(total_amount)",
              "a required field is null or NaN"),
          new RideRule(
              "unparseable_timestamp",
              "event_ts IS NULL",
              "event_timestamp is not an ISO-8601 timestamp"),
          new RideRule(
              "timestamp_out_of_range",
              "event_ts < TIMESTAMP '2000-01-01 00:00:00' OR event_ts >= TIMESTAMP '2100-01-01"
                  + " 00:00:00'",
              "event_timestamp before 2000 or after 2099"),
          new RideRule(
              "unknown_zone",
              "NOT pickup_zone_known OR NOT dropoff_zone_known",
              "a zone id that is not a known TLC zone (1-265 except 264, Unknown)"),
          new RideRule("non_positive_passengers", "passenger_count <= 0", "no passengers"),
          new RideRule("too_many_passengers", "passenger_count > 9", "more than 9 passengers"),
          new RideRule(
              "non_positive_distance",
              atMostZeroCents("trip_distance_miles"),
              "distance not above 0.00 miles"),
          new RideRule(
              "non_positive_duration",
              atMostZeroCents("duration_minutes"),
              "duration not above 0.00 minutes"),
          new RideRule(
              "non_positive_total", atMostZeroCents("total_amount"), "total amount not above 0.00"),
          new RideRule(
              "negative_amount",
              "fare_amount < 0 OR tip_amount < 0 OR tolls_amount < 0",
              "a negative fare, tip or toll"),
          new RideRule(
              "distance_too_long",
              "trip_distance_miles > " + MAX_DISTANCE_MILES,
              "more than " + MAX_DISTANCE_MILES + " miles"),
          new RideRule(
              "duration_too_long",
              "duration_minutes > " + MAX_DURATION_MINUTES,
              "longer than " + MAX_DURATION_MINUTES / 60 + " hours"),
          new RideRule(
              "implausible_speed",
              "trip_distance_miles / (duration_minutes / 60) > " + MAX_SPEED_MPH,
              "faster than " + MAX_SPEED_MPH + " mph on average"),
          new RideRule(
              "amount_too_large",
              "greatest(fare_amount, tip_amount, tolls_amount, total_amount) > " + MAX_AMOUNT,
              "an amount above " + MAX_AMOUNT + " USD"),
          new RideRule(
              "implausible_tip",
              aboveZeroCents("fare_amount")
                  + " AND tip_amount > "
                  + MAX_TIP_TO_FARE
                  + " * fare_amount",
              "a tip above " + MAX_TIP_TO_FARE + " times the fare"),
          new RideRule(
              "fare_inconsistent_with_distance",
              aboveZeroCents("fare_amount")
                  + " AND (fare_amount > 10 * "
                  + EXPECTED_FARE
                  + " OR fare_amount < "
                  + EXPECTED_FARE
                  + " / 10)",
              "a fare off by more than 10x from 2.50 + 2.50 per mile"),
          new RideRule(
              "total_below_components",
              "total_amount < fare_amount + tip_amount + tolls_amount - 0.01",
              "total amount below fare + tip + tolls"),
          new RideRule(
              "unknown_payment_type",
              "payment_type NOT IN " + sqlList(PAYMENT_TYPES),
              "payment type not one of " + PAYMENT_TYPES),
          new RideRule(
              "unknown_rate_code",
              "rate_code NOT IN " + sqlList(RATE_CODES),
              "rate code not one of " + RATE_CODES));

  /**
   * SQL: {@code event_timestamp} parsed as an instant; null when it is not ISO-8601 ({@link
   * IsoTimestampFunction}).
   */
  static final String EVENT_TS_SQL = IsoTimestampFunction.NAME + "(event_timestamp)";

  /** The column naming the failed rule; null for valid rows. */
  public static final String RULE_COLUMN = "quarantine_rule";

  private RideRules() {}

  /** The rules' names, in order. */
  public static List<String> names() {
    return RULES.stream().map(RideRule::name).toList();
  }

  /**
   * Adds {@code event_ts} (the parsed timestamp; null when unparseable), whether the pickup and
   * dropoff zones are known ({@link ZoneLookup}), and {@link #RULE_COLUMN}.
   */
  public static Dataset<Row> classify(Dataset<Row> raw) {
    return raw.withColumn("event_ts", expr(EVENT_TS_SQL))
        .withColumn("pickup_zone_known", ZoneLookup.isKnown(col("pickup_zone_id")))
        .withColumn("dropoff_zone_known", ZoneLookup.isKnown(col("dropoff_zone_id")))
        .withColumn(RULE_COLUMN, expr(caseExpression()));
  }

  /** SQL: the name of the first rule a row fails, or null. */
  static String caseExpression() {
    return RULES.stream()
        .map(r -> "WHEN " + r.failsWhen() + " THEN '" + r.name() + "'")
        .collect(Collectors.joining(" ", "CASE ", " ELSE NULL END"));
  }

  /**
   * SQL: {@code column} (a double) is at most 0.00 once rounded to cents, half up, as it will be
   * stored: exactly when it is below 0.005. Compared, not rounded: Spark rounds a double through
   * its decimal string, which cost several seconds of a 5M-row run.
   */
  static String atMostZeroCents(String column) {
    return column + " < " + HALF_CENT;
  }

  /** SQL: {@code column} (a double) is above 0.00 once rounded to cents, half up. */
  static String aboveZeroCents(String column) {
    return column + " >= " + HALF_CENT;
  }

  private static String sqlList(List<String> values) {
    return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "(", ")"));
  }
}
