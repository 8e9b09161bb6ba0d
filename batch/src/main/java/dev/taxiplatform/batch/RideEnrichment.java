package dev.taxiplatform.batch;

import static org.apache.spark.sql.functions.col;

import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.core.ride.BusinessCalendar;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns valid classified rows into processed rides: typed, rounded to cents, the derived columns
 * and, last, the zones' names from the lookup (docs/data-contracts.md, "Processed objects").
 */
public final class RideEnrichment {
  /** The processed ride columns, in file order ({@code event_date} is the partition column). */
  public static final List<String> COLUMNS = ProcessedRide.COLUMNS;

  private RideEnrichment() {}

  /**
   * A processed ride's column that {@link #named} looks up in the zones.
   *
   * @param name the column
   * @param zoneId the ride's zone id column it is looked up by
   * @param field the zone's field it holds
   */
  record ZoneColumn(String name, String zoneId, ZoneLookup.Field field) {}

  private static final List<ZoneColumn> ZONE_COLUMNS =
      List.of(
          new ZoneColumn("pickup_zone_name", "pickup_zone_id", ZoneLookup.Field.ZONE_NAME),
          new ZoneColumn("pickup_borough", "pickup_zone_id", ZoneLookup.Field.BOROUGH),
          new ZoneColumn("dropoff_zone_name", "dropoff_zone_id", ZoneLookup.Field.ZONE_NAME),
          new ZoneColumn("dropoff_borough", "dropoff_zone_id", ZoneLookup.Field.BOROUGH));

  /**
   * Processed rides from rows that passed every rule, without the zones' names ({@link #named} adds
   * them), plus {@code source_object} for ordering; the calendar fields are local to {@code
   * calendar}'s time zone.
   */
  public static Dataset<Row> enrich(Dataset<Row> valid, BusinessCalendar calendar) {
    return valid
        .selectExpr(typedSql(calendar).toArray(String[]::new))
        .selectExpr(ENRICHED_SQL.toArray(String[]::new));
  }

  /**
   * {@code rides} as {@link #enrich} makes them, named: the processed ride's columns in file order,
   * the zones' names and boroughs looked up by their ids. Done last, so the deduplication sorts and
   * shuffles rows without these strings.
   */
  public static Dataset<Row> named(Dataset<Row> rides) {
    return rides.select(COLUMNS.stream().map(RideEnrichment::column).toArray(Column[]::new));
  }

  /** The processed ride's column {@code name}, when {@link #named} looks it up in the zones. */
  static Optional<ZoneColumn> zoneColumn(String name) {
    return ZONE_COLUMNS.stream().filter(z -> z.name().equals(name)).findFirst();
  }

  private static Column column(String name) {
    return zoneColumn(name)
        .map(z -> ZoneLookup.lookUp(col(z.zoneId()), z.field()).as(name))
        .orElse(col(name));
  }

  /**
   * The first step as SQL select items over valid classified rows: typed, rounded columns and
   * {@code local_ts}, the local wall-clock time of {@code event_ts}.
   */
  static List<String> typedSql(BusinessCalendar calendar) {
    return List.of(
        "ride_id",
        "event_ts",
        "pickup_zone_id",
        "dropoff_zone_id",
        "passenger_count",
        amountSql("trip_distance_miles", 8),
        amountSql("duration_minutes", 8),
        "payment_type",
        "rate_code",
        amountSql("fare_amount", 10),
        amountSql("tip_amount", 10),
        amountSql("tolls_amount", 10),
        amountSql("total_amount", 10),
        "source_object",
        calendar.localTimestampSql("event_ts") + " AS local_ts");
  }

  /**
   * SQL: the double {@code column} as a {@code DECIMAL(precision,2)} named {@code column}, exactly
   * as {@code CAST(column AS DECIMAL(precision,2))} (half up from the double's decimal string),
   * which Spark computes through a {@code BigDecimal} of that string per value. Computed here as
   * {@code floor(100 x + 0.5)} cents unless {@code 100 x} is within 1e-6 of a half cent (or {@code
   * |x|} is not below a million, or not a number), where the cast decides: below a million, {@code
   * 100 x} in double and 100 times the decimal string are within 2e-8 of each other, so away from a
   * half cent both round to the same whole cent.
   */
  static String amountSql(String column, int precision) {
    String hundredTimes = column + " * 100";
    String cents =
        ("CASE WHEN abs(%s) < 1e6 AND abs(%s - floor(%s) - 0.5) > 1e-6 THEN floor(%s + 0.5)"
                + " ELSE cents(CAST(%s AS DECIMAL(%d,2))) END")
            .formatted(column, hundredTimes, hundredTimes, hundredTimes, column, precision);
    return "CAST(from_cents(%s) AS DECIMAL(%d,2)) AS %s".formatted(cents, precision, column);
  }

  /** The second step as SQL select items over the typed rows: the processed ride's columns. */
  static final List<String> ENRICHED_SQL =
      List.of(
          "ride_id",
          "event_ts",
          "CAST(hour(local_ts) AS INT) AS event_hour",
          "pickup_zone_id",
          "dropoff_zone_id",
          "passenger_count",
          "trip_distance_miles",
          "duration_minutes",
          "payment_type",
          "rate_code",
          "fare_amount",
          "tip_amount",
          "tolls_amount",
          "total_amount",
          ProcessedRide.FARE_PER_MILE_SQL + " AS fare_per_mile",
          ProcessedRide.FARE_PER_MINUTE_SQL + " AS fare_per_minute",
          ProcessedRide.TIP_PERCENTAGE_SQL + " AS tip_percentage",
          BusinessCalendar.rushHourSql("hour(local_ts)") + " AS is_rush_hour",
          BusinessCalendar.weekendSql("local_ts") + " AS is_weekend",
          "to_date(local_ts) AS event_date",
          "source_object");
}
