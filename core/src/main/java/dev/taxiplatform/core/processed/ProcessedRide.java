package dev.taxiplatform.core.processed;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.ride.BusinessCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One processed ride, the row the batch job writes (docs/data-contracts.md, "Processed objects"),
 * with the enrichment rules in Java: the derived columns computed as the batch job's Spark SQL
 * computes them. For code that builds processed rides without Spark (the loader's tests and
 * benchmark) and for tests that compute what the batch job must write.
 *
 * @param rideId ride id
 * @param eventTs when the ride ended (UTC)
 * @param pickupZoneId pickup zone
 * @param pickupZoneName pickup zone name
 * @param pickupBorough pickup borough
 * @param dropoffZoneId dropoff zone
 * @param dropoffZoneName dropoff zone name
 * @param dropoffBorough dropoff borough
 * @param passengerCount passengers
 * @param distance miles, rounded to cents
 * @param duration minutes, rounded to cents
 * @param paymentType payment type
 * @param rateCode rate code
 * @param fare fare, rounded to cents
 * @param tip tip, rounded to cents
 * @param tolls tolls, rounded to cents
 * @param total total, rounded to cents
 * @param calendar the business calendar the calendar fields follow
 */
public record ProcessedRide(
    String rideId,
    Instant eventTs,
    int pickupZoneId,
    String pickupZoneName,
    String pickupBorough,
    int dropoffZoneId,
    String dropoffZoneName,
    String dropoffBorough,
    int passengerCount,
    BigDecimal distance,
    BigDecimal duration,
    String paymentType,
    String rateCode,
    BigDecimal fare,
    BigDecimal tip,
    BigDecimal tolls,
    BigDecimal total,
    BusinessCalendar calendar) {
  /** The columns of a processed rides file, in file order; {@code event_date} is the partition. */
  public static final List<String> COLUMNS =
      List.of(
          "ride_id",
          "event_ts",
          "event_hour",
          "pickup_zone_id",
          "pickup_zone_name",
          "pickup_borough",
          "dropoff_zone_id",
          "dropoff_zone_name",
          "dropoff_borough",
          "passenger_count",
          "trip_distance_miles",
          "duration_minutes",
          "payment_type",
          "rate_code",
          "fare_amount",
          "tip_amount",
          "tolls_amount",
          "total_amount",
          "fare_per_mile",
          "fare_per_minute",
          "tip_percentage",
          "is_rush_hour",
          "is_weekend",
          "event_date");

  public ProcessedRide {
    requireNonNull(rideId, "rideId");
    requireNonNull(eventTs, "eventTs");
    requireNonNull(calendar, "calendar");
  }

  /** A ride whose calendar fields follow the platform's default business time zone. */
  public ProcessedRide(
      String rideId,
      Instant eventTs,
      int pickupZoneId,
      String pickupZoneName,
      String pickupBorough,
      int dropoffZoneId,
      String dropoffZoneName,
      String dropoffBorough,
      int passengerCount,
      BigDecimal distance,
      BigDecimal duration,
      String paymentType,
      String rateCode,
      BigDecimal fare,
      BigDecimal tip,
      BigDecimal tolls,
      BigDecimal total) {
    this(
        rideId,
        eventTs,
        pickupZoneId,
        pickupZoneName,
        pickupBorough,
        dropoffZoneId,
        dropoffZoneName,
        dropoffBorough,
        passengerCount,
        distance,
        duration,
        paymentType,
        rateCode,
        fare,
        tip,
        tolls,
        total,
        new BusinessCalendar(BusinessCalendar.DEFAULT_ZONE));
  }

  public LocalDate eventDate() {
    return calendar.date(eventTs);
  }

  public int eventHour() {
    return calendar.hour(eventTs);
  }

  /**
   * Spark SQL of {@link #farePerMile()} over the typed columns (the batch job's rule, also run by
   * its DuckDB reference); the Java methods below are the same rules, kept beside them.
   */
  public static final String FARE_PER_MILE_SQL =
      "CAST(" + roundedQuotientSql("fare_amount", "trip_distance_miles", 1) + " AS DECIMAL(10,2))";

  /** Spark SQL of {@link #farePerMinute()} over the typed columns. */
  public static final String FARE_PER_MINUTE_SQL =
      "CAST(" + roundedQuotientSql("fare_amount", "duration_minutes", 1) + " AS DECIMAL(10,2))";

  /** Spark SQL of {@link #tipPercentage()} over the typed columns. */
  public static final String TIP_PERCENTAGE_SQL =
      "CAST(CASE WHEN cents(fare_amount) = 0 THEN 0 ELSE "
          + roundedQuotientSql("tip_amount", "fare_amount", 100)
          + " END AS DECIMAL(6,2))";

  /**
   * SQL: {@code factor × numerator / denominator}, rounded half up to cents, of two amounts in
   * cents ({@code DECIMAL(p,2)}; the numerator not negative, the denominator above 0, as in every
   * valid ride), as a {@code DECIMAL} with 2 decimals. Computed on whole cents: {@code floor((2 ×
   * 100 × factor × n + d) / (2 × d))} cents, where the double division is exact enough (both
   * operands below 2^53, and a quotient at least 1/(2d) from the next whole number), because Spark
   * divides and multiplies decimals through a {@code BigDecimal}, which cost seconds of a 5M-row
   * run. {@code cents} and {@code from_cents} are the batch job's own SQL functions (an amount as
   * whole cents, a {@code BIGINT}, and back), defined for Spark and for DuckDB.
   */
  private static String roundedQuotientSql(String numerator, String denominator, int factor) {
    String n = "cents(" + numerator + ")";
    String d = "cents(" + denominator + ")";
    return "from_cents(floor((%d * %s + %s) / (2 * %s)))".formatted(200 * factor, n, d, d);
  }

  public BigDecimal farePerMile() {
    return fare.divide(distance, 2, RoundingMode.HALF_UP);
  }

  public BigDecimal farePerMinute() {
    return fare.divide(duration, 2, RoundingMode.HALF_UP);
  }

  /** The tip as a percentage of the fare; 0 when the fare is 0. */
  public BigDecimal tipPercentage() {
    return fare.signum() == 0
        ? new BigDecimal("0.00")
        : tip.multiply(BigDecimal.valueOf(100)).divide(fare, 2, RoundingMode.HALF_UP);
  }

  public boolean rushHour() {
    return calendar.rushHour(eventTs);
  }

  public boolean weekend() {
    return calendar.weekend(eventTs);
  }
}
