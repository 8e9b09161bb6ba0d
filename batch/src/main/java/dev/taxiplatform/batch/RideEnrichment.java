package dev.taxiplatform.batch;

import static org.apache.spark.sql.functions.expr;

import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.core.ride.BusinessCalendar;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns valid classified rows into processed rides: typed, rounded to cents, zone names from the
 * lookup, and the derived columns (docs/data-contracts.md, "Processed objects").
 */
public final class RideEnrichment {
  /** The processed ride columns, in file order ({@code event_date} is the partition column). */
  public static final List<String> COLUMNS = ProcessedRide.COLUMNS;

  private RideEnrichment() {}

  /**
   * Processed rides from rows that passed every rule, plus {@code source_object} for ordering; the
   * calendar fields are local to {@code calendar}'s time zone.
   */
  public static Dataset<Row> enrich(Dataset<Row> valid, BusinessCalendar calendar) {
    Dataset<Row> typed =
        valid.select(
            expr("ride_id"),
            expr("event_ts"),
            expr("pickup_zone_id"),
            expr("pickup_lookup_name AS pickup_zone_name"),
            expr("pickup_lookup_borough AS pickup_borough"),
            expr("dropoff_zone_id"),
            expr("dropoff_lookup_name AS dropoff_zone_name"),
            expr("dropoff_lookup_borough AS dropoff_borough"),
            expr("passenger_count"),
            expr("CAST(trip_distance_miles AS DECIMAL(8,2)) AS trip_distance_miles"),
            expr("CAST(duration_minutes AS DECIMAL(8,2)) AS duration_minutes"),
            expr("payment_type"),
            expr("rate_code"),
            expr("CAST(fare_amount AS DECIMAL(10,2)) AS fare_amount"),
            expr("CAST(tip_amount AS DECIMAL(10,2)) AS tip_amount"),
            expr("CAST(tolls_amount AS DECIMAL(10,2)) AS tolls_amount"),
            expr("CAST(total_amount AS DECIMAL(10,2)) AS total_amount"),
            expr("source_object"),
            expr(calendar.localTimestampSql("event_ts") + " AS local_ts"));
    Column[] enriched = {
      expr("ride_id"),
      expr("event_ts"),
      expr("hour(local_ts) AS event_hour"),
      expr("pickup_zone_id"),
      expr("pickup_zone_name"),
      expr("pickup_borough"),
      expr("dropoff_zone_id"),
      expr("dropoff_zone_name"),
      expr("dropoff_borough"),
      expr("passenger_count"),
      expr("trip_distance_miles"),
      expr("duration_minutes"),
      expr("payment_type"),
      expr("rate_code"),
      expr("fare_amount"),
      expr("tip_amount"),
      expr("tolls_amount"),
      expr("total_amount"),
      expr("CAST(round(fare_amount / trip_distance_miles, 2) AS DECIMAL(10,2)) AS fare_per_mile"),
      expr("CAST(round(fare_amount / duration_minutes, 2) AS DECIMAL(10,2)) AS fare_per_minute"),
      expr(
          "CAST(CASE WHEN fare_amount = 0 THEN 0 ELSE round(tip_amount / fare_amount * 100, 2) END"
              + " AS DECIMAL(6,2)) AS tip_percentage"),
      expr(BusinessCalendar.rushHourSql("hour(local_ts)") + " AS is_rush_hour"),
      expr(BusinessCalendar.weekendSql("local_ts") + " AS is_weekend"),
      expr("to_date(local_ts) AS event_date"),
      expr("source_object")
    };
    return typed.select(enriched);
  }
}
