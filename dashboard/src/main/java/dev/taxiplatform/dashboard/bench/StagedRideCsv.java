package dev.taxiplatform.dashboard.bench;

import dev.taxiplatform.core.processed.ProcessedRide;

/**
 * Processed rides as CSV rows of {@code staging.stg_rides}, as the loader would leave them: every
 * column the contract defines ({@link ProcessedRide#COLUMNS}), derived columns included, for a COPY
 * with {@link #COPY}.
 */
public final class StagedRideCsv {
  /** COPY of staged rides from CSV, every column of {@code staging.stg_rides} but loaded_at. */
  public static final String COPY =
      "copy staging.stg_rides (ride_id, event_ts, event_date, event_hour, pickup_zone_id,"
          + " pickup_zone_name, pickup_borough, dropoff_zone_id, dropoff_zone_name,"
          + " dropoff_borough, passenger_count, trip_distance_miles, duration_minutes,"
          + " payment_type, rate_code, fare_amount, tip_amount, tolls_amount, total_amount,"
          + " fare_per_mile, fare_per_minute, tip_percentage, is_rush_hour, is_weekend)"
          + " from stdin with (format csv)";

  private StagedRideCsv() {}

  /** Appends {@code ride}'s row, in {@link #COPY}'s column order, to {@code csv}. */
  public static void append(StringBuilder csv, ProcessedRide ride) {
    csv.append(ride.rideId())
        .append(',')
        .append(ride.eventTs())
        .append(',')
        .append(ride.eventDate())
        .append(',')
        .append(ride.eventHour())
        .append(',')
        .append(ride.pickupZoneId())
        .append(',')
        .append(quote(ride.pickupZoneName()))
        .append(',')
        .append(quote(ride.pickupBorough()))
        .append(',')
        .append(ride.dropoffZoneId())
        .append(',')
        .append(quote(ride.dropoffZoneName()))
        .append(',')
        .append(quote(ride.dropoffBorough()))
        .append(',')
        .append(ride.passengerCount())
        .append(',')
        .append(ride.distance().toPlainString())
        .append(',')
        .append(ride.duration().toPlainString())
        .append(',')
        .append(ride.paymentType())
        .append(',')
        .append(ride.rateCode())
        .append(',')
        .append(ride.fare().toPlainString())
        .append(',')
        .append(ride.tip().toPlainString())
        .append(',')
        .append(ride.tolls().toPlainString())
        .append(',')
        .append(ride.total().toPlainString())
        .append(',')
        .append(ride.farePerMile().toPlainString())
        .append(',')
        .append(ride.farePerMinute().toPlainString())
        .append(',')
        .append(ride.tipPercentage().toPlainString())
        .append(',')
        .append(ride.rushHour())
        .append(',')
        .append(ride.weekend())
        .append('\n');
  }

  private static String quote(String text) {
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
