package dev.taxiplatform.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The Spark SQL functions the job's rules, enrichment and aggregates use that DuckDB lacks or
 * defines differently, as DuckDB macros with Spark's meaning: with them, DuckDB runs the job's own
 * SQL text unchanged. A session's time zone must be UTC, as the job's Spark session's is.
 */
final class DuckDbSparkFunctions {
  private static final List<String> MACROS =
      List.of(
          // The batch job's own (IsoTimestampFunction), Spark's try_to_timestamp: ISO-8601 text to
          // a timestamp, null when it does not parse.
          "CREATE OR REPLACE TEMP MACRO iso_timestamp(text) AS TRY_CAST(text AS TIMESTAMPTZ)",
          // Spark: true when the regular expression matches part of the text.
          "CREATE OR REPLACE TEMP MACRO rlike(text, pattern) AS regexp_matches(text, pattern)",
          // Spark: the wall-clock time in a zone of a UTC timestamp.
          "CREATE OR REPLACE TEMP MACRO from_utc_timestamp(ts, zone) AS timezone(zone, ts)",
          "CREATE OR REPLACE TEMP MACRO to_date(ts) AS CAST(ts AS DATE)",
          // Spark numbers days from 1 (Sunday) to 7 (Saturday); DuckDB's own from 0 (Sunday).
          "CREATE OR REPLACE TEMP MACRO dayofweek(day) AS isodow(day) % 7 + 1",
          // The batch job's own (CentsFunctions): amounts as whole cents, and back.
          "CREATE OR REPLACE TEMP MACRO cents(amount) AS CAST(amount * 100 AS BIGINT)",
          "CREATE OR REPLACE TEMP MACRO from_cents(c) AS"
              + " CAST(CAST(c AS DECIMAL(18,0)) * 0.01 AS DECIMAL(18,2))");

  private DuckDbSparkFunctions() {}

  /** Sets the session's time zone to UTC and defines the functions in {@code duckdb}. */
  static void install(Connection duckdb) throws SQLException {
    try (Statement statement = duckdb.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      for (String macro : MACROS) {
        statement.execute(macro);
      }
    }
  }
}
