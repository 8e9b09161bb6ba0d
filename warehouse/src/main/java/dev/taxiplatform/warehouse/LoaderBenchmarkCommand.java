package dev.taxiplatform.warehouse;

import dev.taxiplatform.core.bench.BenchReport;
import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.processed.BatchLedger;
import dev.taxiplatform.core.processed.BatchManifest;
import dev.taxiplatform.core.processed.ProcessedRide;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code platform bench-load}: the loader's throughput against a plain binary COPY of the same rows
 * and against the seed's way of loading (INSERT statements of 100 rows), in the same run.
 */
@Command(
    name = "bench-load",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the loader: write synthetic processed rides files to a benchmark bucket of the"
          + " running stack, then load them with the loader (S3 download, Parquet decoding, binary"
          + " COPY straight into the staging table, bookkeeping: the path of rides not loaded"
          + " before, which these all are; a batch holding rides loaded before would go through a"
          + " temporary table and INSERT ON CONFLICT instead), compared with a plain binary COPY"
          + " of the same rows pre-encoded on disk, and with INSERT statements of 100 rows each as"
          + " the seed loads (on a sample).",
      "Uses schemas bench_staging and bench_platform, dropped afterwards. Prints a table and"
          + " writes bench-results/load.json in the data directory."
    })
public final class LoaderBenchmarkCommand implements Callable<Integer> {
  static final String BUCKET = "platform-bench-load";
  static final WarehouseSchemas SCHEMAS = new WarehouseSchemas("bench_staging", "bench_platform");
  private static final int ROWS_PER_FILE = 250_000;

  @Mixin private ConfigOptions configOptions;

  @Option(names = "--rows", paramLabel = "N", description = "Rides to load (default: 1000000).")
  private long rows = 1_000_000;

  @Option(
      names = "--seed-sample",
      paramLabel = "N",
      description = "Rides loaded the seed's way, 100 per INSERT (default: 50000).")
  private int seedSample = 50_000;

  @Override
  public Integer call() throws Exception {
    PlatformConfig config = configOptions.load();
    Connections connections = new Connections(config);
    WarehouseConnection warehouse = connections.warehouse();
    Path scratch = Files.createTempDirectory("taxi-bench-load");
    BenchReport report = new BenchReport("load");
    try (S3Client s3 = connections.s3().client()) {
      emptyBucket(s3, BUCKET);
      resetSchemas(warehouse);
      new WarehouseMigrations(warehouse, SCHEMAS).migrate();
      System.out.printf("Writing %,d synthetic processed rides...%n", rows);
      List<Path> files = writeFiles(s3, scratch.resolve("files"));

      double reference = plainCopy(warehouse, files, scratch.resolve("copy.bin"));
      System.out.printf("Plain binary COPY: %,.0f rows/s%n", reference);

      long start = System.nanoTime();
      RideLoader.Counts counts;
      try (Connection connection = warehouse.open()) {
        counts =
            new RideLoader(
                    connection,
                    SCHEMAS,
                    s3,
                    BUCKET,
                    8,
                    Files.createDirectories(scratch.resolve("load")),
                    RideLoader.BatchHook.NONE)
                .load();
      }
      double loaderRate = counts.rowsRead() / ((System.nanoTime() - start) / 1e9);
      System.out.printf(
          "Loader: %,d rows read, %,d inserted, %,.0f rows/s%n",
          counts.rowsRead(), counts.rowsInserted(), loaderRate);

      double seedRate = seedInserts(warehouse, (int) Math.min(seedSample, rows));
      System.out.printf("Seed-style INSERTs of 100 rows: %,.0f rows/s%n", seedRate);

      report.add(
          "loader_rows_per_second",
          loaderRate,
          "rows/s",
          "plain_binary_copy_rows_per_second",
          reference);
      report.add(
          "loader_rows_per_second",
          loaderRate,
          "rows/s",
          "seed_insert_100_rows_per_statement_rows_per_second",
          seedRate);
      emptyBucket(s3, BUCKET);
      resetSchemas(warehouse);
    } finally {
      try (var paths = Files.walk(scratch)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    System.out.print(report.table());
    Path file = report.write(config.dataDir());
    System.out.println("Written to " + file);
    return ExitCodes.SUCCESS;
  }

  /** Synthetic ride {@code i}: deterministic, plausible, unique id. */
  static ProcessedRide ride(long i) {
    SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
    LocalDate date = LocalDate.of(2026, 1, 1).plusDays((i / ROWS_PER_FILE) % 30);
    Instant ts =
        date.atStartOfDay(java.time.ZoneOffset.UTC)
            .toInstant()
            .plusMillis(random.nextLong(86_400_000L));
    BigDecimal distance = BigDecimal.valueOf(30 + random.nextInt(2000), 2);
    BigDecimal duration = distance.multiply(BigDecimal.valueOf(3)).add(BigDecimal.ONE);
    BigDecimal fare =
        distance
            .multiply(new BigDecimal("2.50"))
            .add(new BigDecimal("3.00"))
            .setScale(2, java.math.RoundingMode.HALF_UP);
    BigDecimal tip = BigDecimal.valueOf(random.nextInt(800), 2);
    BigDecimal tolls = random.nextInt(10) == 0 ? new BigDecimal("6.94") : new BigDecimal("0.00");
    return new ProcessedRide(
        new UUID(random.nextLong(), i).toString(),
        ts,
        1 + random.nextInt(263),
        "Zone " + random.nextInt(263),
        "Manhattan",
        1 + random.nextInt(263),
        "Zone " + random.nextInt(263),
        "Queens",
        1 + random.nextInt(6),
        distance,
        duration.setScale(2),
        random.nextInt(10) < 7 ? "credit_card" : "cash",
        "standard",
        fare,
        tip,
        tolls,
        fare.add(tip).add(tolls).add(new BigDecimal("1.50")));
  }

  private List<Path> writeFiles(S3Client s3, Path directory) throws Exception {
    List<Path> files = new ArrayList<>();
    List<BatchManifest.OutputFile> outputs = new ArrayList<>();
    for (long first = 0; first < rows; first += ROWS_PER_FILE) {
      LocalDate date = ride(first).eventDate();
      String key =
          "rides/event_date=%s/part-%05d-bench.c000.snappy.parquet".formatted(date, files.size());
      Path local = directory.resolve(key);
      Files.createDirectories(local.getParent());
      try (ProcessedRideWriter writer = new ProcessedRideWriter(local)) {
        for (long i = first; i < Math.min(rows, first + ROWS_PER_FILE); i++) {
          writer.write(ride(i));
        }
      }
      s3.putObject(b -> b.bucket(BUCKET).key(key), local);
      files.add(local);
      outputs.add(new BatchManifest.OutputFile(key, Files.size(local)));
    }
    BatchLedger.commit(
        s3,
        BUCKET,
        new BatchManifest(
            BatchManifest.FORMAT,
            1,
            Instant.now(),
            Instant.now(),
            false,
            List.of(),
            List.of(),
            outputs,
            List.of(),
            Map.of(),
            Map.of(),
            new BatchManifest.Counts(rows, Map.of(), 0, rows)));
    return files;
  }

  /** Encodes the files' rows to a COPY file (untimed), then times COPY of it into a new table. */
  private double plainCopy(WarehouseConnection warehouse, List<Path> files, Path copyFile)
      throws Exception {
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE %s.copy_reference (LIKE %s.stg_rides INCLUDING ALL)"
              .formatted(SCHEMAS.staging(), SCHEMAS.staging()));
      List<TargetColumn> columns =
          TargetColumn.of(connection, SCHEMAS.staging(), "copy_reference", List.of("loaded_at"));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(copyFile), 1 << 20)) {
        PgBinaryRow row = new PgBinaryRow();
        row.header();
        for (Path file : files) {
          LocalDate date = LocalDate.parse(file.getParent().getFileName().toString().substring(11));
          new ParquetCopyEncoder(columns, Map.of("event_date", date))
              .encode(file, row, (bytes, length) -> out.write(bytes, 0, length));
        }
        row.trailer();
        out.write(row.array(), 0, row.size());
      }
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      long copied;
      try (InputStream in = Files.newInputStream(copyFile)) {
        copied =
            connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                    "COPY %s.copy_reference (%s) FROM STDIN (FORMAT binary)"
                        .formatted(SCHEMAS.staging(), TargetColumn.sqlList(columns)),
                    in,
                    1 << 16);
      }
      connection.commit();
      return copied / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** The seed's loading: multi-row INSERT … ON CONFLICT DO NOTHING of 100 rows, autocommit. */
  private static double seedInserts(WarehouseConnection warehouse, int sample) throws Exception {
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE %s.seed_insert (LIKE %s.stg_rides INCLUDING ALL)"
              .formatted(SCHEMAS.staging(), SCHEMAS.staging()));
      String columns =
          "ride_id, event_ts, event_date, event_hour, pickup_zone_id, pickup_zone_name,"
              + " pickup_borough, dropoff_zone_id, dropoff_zone_name, dropoff_borough,"
              + " passenger_count, trip_distance_miles, duration_minutes, payment_type, rate_code,"
              + " fare_amount, tip_amount, tolls_amount, total_amount, fare_per_mile,"
              + " fare_per_minute, tip_percentage, is_rush_hour, is_weekend";
      String oneRow = "(" + "?, ".repeat(23) + "?)";
      String sql =
          "INSERT INTO %s.seed_insert (%s) VALUES %s ON CONFLICT (ride_id) DO NOTHING"
              .formatted(
                  SCHEMAS.staging(),
                  columns,
                  String.join(", ", java.util.Collections.nCopies(100, oneRow)));
      List<ProcessedRide> rides = new ArrayList<>();
      for (long i = 0; i < sample; i++) {
        rides.add(ride(i));
      }
      long start = System.nanoTime();
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        for (int first = 0; first + 100 <= rides.size(); first += 100) {
          int p = 1;
          for (int i = first; i < first + 100; i++) {
            ProcessedRide r = rides.get(i);
            insert.setString(p++, r.rideId());
            insert.setObject(p++, r.eventTs().atOffset(java.time.ZoneOffset.UTC));
            insert.setObject(p++, r.eventDate());
            insert.setShort(p++, (short) r.eventHour());
            insert.setInt(p++, r.pickupZoneId());
            insert.setString(p++, r.pickupZoneName());
            insert.setString(p++, r.pickupBorough());
            insert.setInt(p++, r.dropoffZoneId());
            insert.setString(p++, r.dropoffZoneName());
            insert.setString(p++, r.dropoffBorough());
            insert.setShort(p++, (short) r.passengerCount());
            insert.setBigDecimal(p++, r.distance());
            insert.setBigDecimal(p++, r.duration());
            insert.setString(p++, r.paymentType());
            insert.setString(p++, r.rateCode());
            insert.setBigDecimal(p++, r.fare());
            insert.setBigDecimal(p++, r.tip());
            insert.setBigDecimal(p++, r.tolls());
            insert.setBigDecimal(p++, r.total());
            insert.setBigDecimal(p++, r.farePerMile());
            insert.setBigDecimal(p++, r.farePerMinute());
            insert.setBigDecimal(p++, r.tipPercentage());
            insert.setBoolean(p++, r.rushHour());
            insert.setBoolean(p++, r.weekend());
          }
          insert.executeUpdate();
        }
      }
      return (rides.size() / 100 * 100) / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static void resetSchemas(WarehouseConnection warehouse) throws Exception {
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS %s CASCADE".formatted(SCHEMAS.staging()));
      statement.execute("DROP SCHEMA IF EXISTS %s CASCADE".formatted(SCHEMAS.platform()));
    }
  }

  private static void emptyBucket(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (NoSuchBucketException e) {
      s3.createBucket(b -> b.bucket(bucket));
      return;
    }
    List<ObjectIdentifier> keys = new ArrayList<>();
    for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      keys.add(ObjectIdentifier.builder().key(object.key()).build());
    }
    for (int start = 0; start < keys.size(); start += 1000) {
      List<ObjectIdentifier> chunk = keys.subList(start, Math.min(keys.size(), start + 1000));
      s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(chunk).quiet(true)));
    }
  }
}
