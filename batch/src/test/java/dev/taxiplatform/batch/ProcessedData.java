package dev.taxiplatform.batch;

import dev.taxiplatform.core.processed.BatchLedger;
import dev.taxiplatform.core.processed.BatchManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The processed data set of a bucket as an independent reader sees it: the files the live manifests
 * name, downloaded and read with DuckDB.
 */
final class ProcessedData implements AutoCloseable {
  private final Path directory;
  private final Connection duckdb;
  final BatchLedger ledger;

  private ProcessedData(Path directory, BatchLedger ledger) throws SQLException {
    this.directory = directory;
    this.ledger = ledger;
    this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = duckdb.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
    }
  }

  static ProcessedData download(S3Client s3, String bucket) throws Exception {
    BatchLedger ledger = BatchLedger.read(s3, bucket);
    Path directory = Files.createTempDirectory("processed");
    List<BatchManifest.OutputFile> files = new ArrayList<>(ledger.ridesFiles());
    ledger.live().forEach(m -> files.addAll(m.quarantineFiles()));
    ledger.latest().ifPresent(m -> m.aggregates().values().forEach(files::addAll));
    for (BatchManifest.OutputFile file : files) {
      Path local = directory.resolve(file.key());
      Files.createDirectories(local.getParent());
      s3.getObject(b -> b.bucket(bucket).key(file.key()), local);
    }
    return new ProcessedData(directory, ledger);
  }

  /** Every Parquet file of a bucket, for output written without a ledger. */
  static ProcessedData downloadAll(S3Client s3, String bucket) throws Exception {
    Path directory = Files.createTempDirectory("processed");
    for (var object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      if (object.key().endsWith(".parquet")) {
        Path local = directory.resolve(object.key());
        Files.createDirectories(local.getParent());
        s3.getObject(b -> b.bucket(bucket).key(object.key()), local);
      }
    }
    return new ProcessedData(directory, BatchLedger.read(s3, bucket));
  }

  /** Every row under {@code prefix}, all columns, keyed by {@code keySql}. */
  Map<String, List<Object>> rows(String prefix, String keySql) throws SQLException {
    return keyed(
        "SELECT %s, * FROM read_parquet('%s/%s**/*.parquet', hive_partitioning = false)"
            .formatted(keySql, directory, prefix));
  }

  /** Rides by ride id: the values in {@link ExpectedRide#values()} order. */
  Map<String, List<Object>> rides() throws SQLException {
    if (!Files.isDirectory(directory.resolve("rides"))) {
      return Map.of();
    }
    return keyed(
        "SELECT ride_id, epoch_ms(event_ts), CAST(event_date AS VARCHAR), event_hour,"
            + " pickup_zone_id, pickup_zone_name, pickup_borough, dropoff_zone_id,"
            + " dropoff_zone_name, dropoff_borough, passenger_count, trip_distance_miles,"
            + " duration_minutes, payment_type, rate_code, fare_amount, tip_amount, tolls_amount,"
            + " total_amount, fare_per_mile, fare_per_minute, tip_percentage, is_rush_hour,"
            + " is_weekend FROM read_parquet('%s/rides/**/*.parquet', hive_partitioning = true)"
                .formatted(directory));
  }

  /** Rows of one rides query, checking a ride id appears once. */
  long rideCount() throws SQLException {
    return rides().size();
  }

  /** Quarantined rows per rule. */
  Map<String, List<Object>> quarantineCounts() throws SQLException {
    if (!Files.isDirectory(directory.resolve("quarantine"))) {
      return Map.of();
    }
    return keyed(
        "SELECT quarantine_rule, count(*) FROM read_parquet('%s/quarantine/**/*.parquet')"
                .formatted(directory)
            + " GROUP BY quarantine_rule");
  }

  /** An aggregate's rows keyed by the joined key columns. */
  Map<String, List<Object>> aggregate(String name, String keySql, String columns)
      throws SQLException {
    return keyed(
        "SELECT %s, %s FROM read_parquet('%s/%s/**/*.parquet')"
            .formatted(keySql, columns, directory, name));
  }

  Map<String, List<Object>> keyed(String sql) throws SQLException {
    Map<String, List<Object>> rows = new TreeMap<>();
    try (Statement statement = duckdb.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 2; i <= columns; i++) {
          values.add(result.getObject(i));
        }
        List<Object> previous = rows.put(result.getString(1), values);
        if (previous != null) {
          throw new AssertionError("Key " + result.getString(1) + " appears twice in: " + sql);
        }
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    duckdb.close();
    try (var paths = Files.walk(directory)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
