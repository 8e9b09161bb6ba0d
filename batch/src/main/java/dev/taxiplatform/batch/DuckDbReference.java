package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.processed.ProcessedLayout;
import dev.taxiplatform.core.ride.BusinessCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The benchmark's reference: a first (full) run of the batch job done by DuckDB. It downloads the
 * same raw objects from S3, applies the job's own rule, enrichment and aggregate SQL (with {@link
 * DuckDbSparkFunctions}), quarantines, deduplicates, and uploads the processed rides (partitioned
 * by event date), the quarantined rows and the three aggregate snapshots to an S3 bucket under the
 * job's keys. It keeps no ledger: it is a measure of the work, not a second pipeline.
 */
final class DuckDbReference {
  /** The run number in the reference's output keys. */
  private static final long SEQUENCE = 1;

  private final S3Client s3;
  private final BatchStorage storage;
  private final BusinessCalendar calendar;

  /**
   * A reference that reads {@code storage}'s raw objects and writes to its processed bucket, with
   * the calendar fields local to {@code calendar}.
   */
  DuckDbReference(S3Client s3, BatchStorage storage, BusinessCalendar calendar) {
    this.s3 = requireNonNull(s3, "s3");
    this.storage = requireNonNull(storage, "storage");
    this.calendar = requireNonNull(calendar, "calendar");
  }

  /**
   * What a reference run did.
   *
   * @param rawRows rows read
   * @param quarantined rows quarantined
   * @param ridesWritten processed rides written
   * @param filesWritten files uploaded
   */
  record Result(long rawRows, long quarantined, long ridesWritten, int filesWritten) {}

  /** Runs over every raw object of the topic, using {@code scratch} (which must be empty). */
  Result run(Path scratch) throws IOException, SQLException {
    Path raw = scratch.resolve("raw");
    Path out = scratch.resolve("out");
    List<String> keys =
        RawInventory.list(s3, storage.rawBucket(), storage.rawPrefix()).all().stream()
            .map(o -> o.key())
            .toList();
    for (String key : keys) {
      Path local = raw.resolve(key);
      Files.createDirectories(local.getParent());
      s3.getObject(b -> b.bucket(storage.rawBucket()).key(key), local);
    }
    Files.createDirectories(out);
    long rawRows;
    long quarantined;
    long rides;
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      DuckDbSparkFunctions.install(duckdb);
      createZones(statement);
      statement.execute(classifySql(raw));
      rawRows = count(statement, "SELECT count(*) FROM classified");
      Path quarantine =
          out.resolve(ProcessedLayout.QUARANTINE + "batch_run=%06d".formatted(SEQUENCE));
      Files.createDirectories(quarantine);
      quarantined =
          statement.executeUpdate(
              "COPY (SELECT %s, %s, source_object FROM classified WHERE %s IS NOT NULL) TO '%s'"
                      .formatted(
                          RawRideSchema.COLUMNS.stream()
                              .map(RawRideSchema.Column::name)
                              .collect(Collectors.joining(", ")),
                          RideRules.RULE_COLUMN,
                          RideRules.RULE_COLUMN,
                          quarantine.resolve("part-00000.parquet"))
                  + " (FORMAT parquet, COMPRESSION snappy)");
      statement.execute(ridesSql());
      rides =
          statement.executeUpdate(
              "COPY rides TO '%s' (FORMAT parquet, PARTITION_BY (event_date), COMPRESSION snappy)"
                  .formatted(out.resolve(ProcessedLayout.RIDES)));
      for (RideAggregates aggregate : RideAggregates.ALL) {
        Path snapshot = out.resolve(aggregate.name() + "/snapshot=%06d".formatted(SEQUENCE));
        Files.createDirectories(snapshot);
        statement.execute(
            "COPY (%s) TO '%s' (FORMAT parquet, COMPRESSION snappy)"
                .formatted(aggregate.snapshotSql("rides"), snapshot.resolve("part-00000.parquet")));
      }
    }
    return new Result(rawRows, quarantined, rides, upload(out));
  }

  private static void createZones(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE zones (zone_id INTEGER, borough VARCHAR, zone_name VARCHAR)");
    statement.execute(
        "INSERT INTO zones VALUES "
            + ZoneLookup.zones().stream()
                .map(z -> "(%d, %s, %s)".formatted(z.id(), quoted(z.borough()), quoted(z.name())))
                .collect(Collectors.joining(", ")));
  }

  /** The raw rows with the columns {@link RideRules#classify} adds, as a table. */
  private String classifySql(Path raw) {
    String root = raw.toString();
    return """
        CREATE TABLE classified AS
        SELECT parsed.*, %s AS %s
        FROM (
          SELECT r.* EXCLUDE (filename),
                 %s || substr(r.filename, %d) AS source_object,
                 %s AS event_ts,
                 p.zone_id IS NOT NULL AS pickup_zone_known,
                 d.zone_id IS NOT NULL AS dropoff_zone_known
          FROM read_parquet(%s, filename = true, union_by_name = true) r
          LEFT JOIN zones p ON r.pickup_zone_id = p.zone_id
          LEFT JOIN zones d ON r.dropoff_zone_id = d.zone_id
        ) parsed
        """
        .formatted(
            RideRules.caseExpression(),
            RideRules.RULE_COLUMN,
            quoted("s3a://" + storage.rawBucket() + "/"),
            root.length() + 2,
            RideRules.EVENT_TS_SQL,
            quoted(root + "/**/*.parquet"));
  }

  /** Valid rows enriched, deduplicated and named as the job does, as table {@code rides}. */
  private String ridesSql() {
    return """
        CREATE TABLE rides AS
        SELECT %s FROM (
          SELECT *, row_number() OVER (
            PARTITION BY event_date, ride_id
            ORDER BY event_ts, source_object, total_amount, fare_amount) AS copy
          FROM (SELECT %s FROM (SELECT %s FROM classified WHERE %s IS NULL) typed) enriched
        ) numbered
        LEFT JOIN zones p ON numbered.pickup_zone_id = p.zone_id
        LEFT JOIN zones d ON numbered.dropoff_zone_id = d.zone_id
        WHERE copy = 1
        """
        .formatted(
            String.join(", ", namedColumns()),
            String.join(", ", RideEnrichment.ENRICHED_SQL),
            String.join(", ", RideEnrichment.typedSql(calendar)),
            RideRules.RULE_COLUMN);
  }

  /**
   * The processed ride's columns over the deduplicated rows ({@code numbered}) and the zones of
   * their pickup ({@code p}) and dropoff ({@code d}).
   */
  private static List<String> namedColumns() {
    return RideEnrichment.COLUMNS.stream()
        .map(
            c ->
                RideEnrichment.zoneColumn(c)
                    .map(z -> zoneTable(z.zoneId()) + "." + z.field().column() + " AS " + c)
                    .orElse("numbered." + c))
        .toList();
  }

  private static String zoneTable(String zoneIdColumn) {
    return zoneIdColumn.equals("pickup_zone_id") ? "p" : "d";
  }

  private int upload(Path out) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String key = out.relativize(file).toString().replace('\\', '/');
      s3.putObject(b -> b.bucket(storage.processedBucket()).key(key), file);
    }
    return files.size();
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
