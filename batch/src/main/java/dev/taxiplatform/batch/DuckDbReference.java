package dev.taxiplatform.batch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * The benchmark's reference: the batch job's clean, enrich and deduplicate step as one DuckDB SQL
 * statement over the same raw files (local copies), writing Parquet partitioned by event date. The
 * cleaning rules are the job's own rule expressions.
 */
final class DuckDbReference {
  private DuckDbReference() {}

  /**
   * Runs the reference over {@code rawDirectory}, writing to {@code outputDirectory}.
   *
   * @return rides written
   */
  static long run(Path rawDirectory, Path outputDirectory) throws SQLException {
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute("CREATE TABLE zones (zone_id INTEGER, borough VARCHAR, zone_name VARCHAR)");
      String values =
          ZoneLookup.zones().stream()
              .map(
                  z ->
                      "(%d, '%s', '%s')"
                          .formatted(
                              z.id(), z.borough().replace("'", "''"), z.name().replace("'", "''")))
              .collect(Collectors.joining(", "));
      statement.execute("INSERT INTO zones VALUES " + values);
      String rules =
          RideRules.RULES.stream()
              .map(r -> "WHEN " + r.failsWhen() + " THEN '" + r.name() + "'")
              .collect(Collectors.joining(" ", "CASE ", " ELSE NULL END"));
      String sql =
          """
          COPY (
            WITH raw AS (
              SELECT *, filename AS source_object
              FROM read_parquet('%s/**/*.parquet', filename = true, union_by_name = true)
            ),
            parsed AS (
              SELECT raw.*, TRY_CAST(event_timestamp AS TIMESTAMPTZ) AS event_ts,
                     p.zone_name AS pickup_lookup_name, p.borough AS pickup_lookup_borough,
                     d.zone_name AS dropoff_lookup_name, d.borough AS dropoff_lookup_borough,
                     p.zone_id IS NOT NULL AS pickup_zone_known,
                     d.zone_id IS NOT NULL AS dropoff_zone_known
              FROM raw
              LEFT JOIN zones p ON raw.pickup_zone_id = p.zone_id
              LEFT JOIN zones d ON raw.dropoff_zone_id = d.zone_id
            ),
            typed AS (
              SELECT ride_id, event_ts, pickup_zone_id,
                     pickup_lookup_name AS pickup_zone_name, pickup_lookup_borough AS pickup_borough,
                     dropoff_zone_id,
                     dropoff_lookup_name AS dropoff_zone_name,
                     dropoff_lookup_borough AS dropoff_borough,
                     passenger_count,
                     CAST(trip_distance_miles AS DECIMAL(8,2)) AS trip_distance_miles,
                     CAST(duration_minutes AS DECIMAL(8,2)) AS duration_minutes,
                     payment_type, rate_code,
                     CAST(fare_amount AS DECIMAL(10,2)) AS fare_amount,
                     CAST(tip_amount AS DECIMAL(10,2)) AS tip_amount,
                     CAST(tolls_amount AS DECIMAL(10,2)) AS tolls_amount,
                     CAST(total_amount AS DECIMAL(10,2)) AS total_amount,
                     source_object
              FROM parsed
              WHERE (%s) IS NULL
            ),
            enriched AS (
              SELECT ride_id, event_ts, hour(event_ts) AS event_hour,
                     pickup_zone_id, pickup_zone_name, pickup_borough,
                     dropoff_zone_id, dropoff_zone_name, dropoff_borough, passenger_count,
                     trip_distance_miles, duration_minutes, payment_type, rate_code,
                     fare_amount, tip_amount, tolls_amount, total_amount,
                     CAST(round(fare_amount / trip_distance_miles, 2) AS DECIMAL(10,2)) AS fare_per_mile,
                     CAST(round(fare_amount / duration_minutes, 2) AS DECIMAL(10,2)) AS fare_per_minute,
                     CAST(CASE WHEN fare_amount = 0 THEN 0
                          ELSE round(tip_amount / fare_amount * 100, 2) END AS DECIMAL(6,2))
                       AS tip_percentage,
                     hour(event_ts) BETWEEN 7 AND 9 OR hour(event_ts) BETWEEN 16 AND 19 AS is_rush_hour,
                     dayofweek(event_ts) IN (0, 6) AS is_weekend,
                     CAST(event_ts AS DATE) AS event_date,
                     source_object
              FROM typed
            )
            SELECT * EXCLUDE (source_object, copy)
            FROM (
              SELECT *, row_number() OVER (
                PARTITION BY event_date, ride_id
                ORDER BY event_ts, source_object, total_amount, fare_amount) AS copy
              FROM enriched)
            WHERE copy = 1
          ) TO '%s' (FORMAT parquet, PARTITION_BY (event_date), COMPRESSION snappy)
          """
              .formatted(rawDirectory, rules, outputDirectory);
      return statement.executeUpdate(sql);
    }
  }
}
