package dev.taxiplatform.batch;

/** Valid classified raw rows, as {@link RideEnrichment#enrich} takes them, written as SQL. */
final class ClassifiedRows {
  private ClassifiedRows() {}

  /** A query of {@code values}, SQL row tuples in the columns {@link RideEnrichment} reads. */
  static String sql(String values) {
    return "SELECT * FROM VALUES "
        + values
        + " AS classified(ride_id, event_ts, pickup_zone_id, dropoff_zone_id, passenger_count,"
        + " trip_distance_miles, duration_minutes, payment_type, rate_code,"
        + " fare_amount, tip_amount, tolls_amount, total_amount, source_object)";
  }
}
