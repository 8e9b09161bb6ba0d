package dev.taxiplatform.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The loader on the local stack's S3 server and PostgreSQL. */
class RideLoaderTest {
  private static LocalStack stack;
  private static S3Client s3;
  private static WarehouseConnection warehouse;
  private static Path scratch;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.shared();
    Connections connections = stack.connections();
    s3 = connections.s3().client();
    warehouse = connections.warehouse();
    scratch = Files.createTempDirectory("loader-test");
    new WarehouseMigrations(warehouse, WarehouseSchemas.DEFAULT).migrate();
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  private static RideLoader.Counts load(String bucket, int batchFiles) throws Exception {
    try (Connection connection = warehouse.open()) {
      return new RideLoader(
              connection,
              WarehouseSchemas.DEFAULT,
              s3,
              bucket,
              batchFiles,
              Files.createTempDirectory(scratch, "load"),
              RideLoader.BatchHook.NONE)
          .load();
    }
  }

  /** Rides whose id starts with {@code prefix}: id to (event_date, fare, tip %, loaded count). */
  private static Map<String, List<Object>> staged(String prefix) throws Exception {
    Map<String, List<Object>> rows = new TreeMap<>();
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT ride_id, event_ts, event_date::text, event_hour, passenger_count,"
                    + " trip_distance_miles, fare_amount, total_amount, fare_per_mile,"
                    + " fare_per_minute, tip_percentage, is_rush_hour, is_weekend, pickup_zone_name"
                    + " FROM staging.stg_rides WHERE ride_id LIKE '"
                    + prefix
                    + "%'")) {
      while (result.next()) {
        rows.put(
            result.getString(1),
            List.of(
                result.getObject(2, java.time.OffsetDateTime.class).toInstant().toString(),
                result.getString(3),
                result.getInt(4),
                result.getInt(5),
                result.getBigDecimal(6),
                result.getBigDecimal(7),
                result.getBigDecimal(8),
                result.getBigDecimal(9),
                result.getBigDecimal(10),
                result.getBigDecimal(11),
                result.getBoolean(12),
                result.getBoolean(13),
                result.getString(14)));
      }
    }
    return rows;
  }

  private static Map<String, List<Object>> expected(ProcessedRide... rides) {
    Map<String, List<Object>> rows = new TreeMap<>();
    for (ProcessedRide ride : rides) {
      rows.put(
          ride.rideId(),
          List.of(
              ride.eventTs().toString(),
              ride.eventDate().toString(),
              ride.eventHour(),
              ride.passengerCount(),
              ride.distance(),
              ride.fare(),
              ride.total(),
              ride.farePerMile(),
              ride.farePerMinute(),
              ride.tipPercentage(),
              ride.rushHour(),
              ride.weekend(),
              ride.pickupZoneName()));
    }
    return rows;
  }

  @Test
  void migratingAnUpToDateSchemaReportsItsCurrentVersion() {
    WarehouseMigrations.Result again =
        new WarehouseMigrations(warehouse, WarehouseSchemas.DEFAULT).migrate();
    assertThat(again.applied()).isZero();
    assertThat(again.version()).matches("[1-9][0-9]*");
  }

  @Test
  void rowsPostgresCannotStoreAreQuarantinedAndTheRestLoads() throws Exception {
    String bucket = "loader-poison";
    ProcessedFixture fixture = new ProcessedFixture(s3, bucket, scratch.resolve("poison"));
    ProcessedRide a = ProcessedFixture.ride("poison-a", "2026-03-01T08:00:00Z", "10.00");
    ProcessedRide nul = ProcessedFixture.ride("poison-\u0000b", "2026-03-01T09:00:00Z", "11.00");
    ProcessedRide b = ProcessedFixture.ride("poison-b", "2026-03-01T10:00:00Z", "12.00");
    ProcessedRide huge = ProcessedFixture.ride("p".repeat(3_012), "2026-03-02T08:00:00Z", "13.00");
    ProcessedRide c = ProcessedFixture.ride("poison-c", "2026-03-02T09:00:00Z", "14.00");
    String first = fixture.file("2026-03-01", List.of(a, nul, b));
    String second = fixture.file("2026-03-02", List.of(huge, c));
    fixture.commit(1);

    // Without the quarantine this load failed on every run (NUL in text; an index row too big).
    assertThat(load(bucket, 2)).isEqualTo(new RideLoader.Counts(2, 1, 5, 3, 1, 2));
    assertThat(staged("poison-")).containsExactlyEntriesOf(expected(a, b, c));
    List<List<Object>> quarantined = new ArrayList<>();
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT object_key, row_number, reason, ride_id_preview, ride_id_length"
                    + " FROM platform.quarantined_rides WHERE bucket = 'loader-poison'"
                    + " ORDER BY object_key, row_number")) {
      while (result.next()) {
        quarantined.add(
            List.of(
                result.getString(1),
                result.getLong(2),
                result.getString(3),
                result.getString(4),
                result.getInt(5)));
      }
    }
    assertThat(quarantined)
        .containsExactly(
            List.of(first, 1L, "invalid_ride_id", "poison-\\u0000b", 9),
            List.of(second, 0L, "invalid_ride_id", "p".repeat(100) + "…", 3_012));

    // Later rides are not blocked, and nothing is loaded or quarantined twice.
    ProcessedRide d = ProcessedFixture.ride("poison-d", "2026-03-03T09:00:00Z", "15.00");
    fixture.file("2026-03-03", List.of(d));
    fixture.commit(2);
    assertThat(load(bucket, 2)).isEqualTo(new RideLoader.Counts(1, 1, 1, 1, 2, 0));
    assertThat(staged("poison-")).containsExactlyEntriesOf(expected(a, b, c, d));
  }

  @Test
  void loadsEachRideOnceIncrementallyWithExactValues() throws Exception {
    ProcessedFixture fixture = new ProcessedFixture(s3, "loader-exact", scratch.resolve("exact"));
    ProcessedRide a = ProcessedFixture.ride("exact-a", "2026-02-01T08:15:30.250Z", "30.00");
    ProcessedRide b = ProcessedFixture.ride("exact-b", "2026-02-01T23:59:59.999999Z", "0.00");
    ProcessedRide c = ProcessedFixture.ride("exact-c", "2026-02-02T00:00:00Z", "99999.99");
    ProcessedRide d = ProcessedFixture.ride("exact-d", "2026-02-07T17:00:00Z", "12.34");
    fixture.file("2026-02-01", List.of(a, b));
    fixture.file("2026-02-02", List.of(c));
    fixture.file("2026-02-01", List.of(a)); // the same ride in a second file
    fixture.commit(1);

    RideLoader.Counts first = load("loader-exact", 2);

    assertThat(first).isEqualTo(new RideLoader.Counts(3, 2, 4, 3, 1, 0));
    assertThat(staged("exact-")).containsExactlyEntriesOf(expected(a, b, c));

    RideLoader.Counts again = load("loader-exact", 2);
    assertThat(again).isEqualTo(new RideLoader.Counts(0, 0, 0, 0, 0, 0));

    fixture.file("2026-02-07", List.of(d, c));
    fixture.commit(2);
    RideLoader.Counts next = load("loader-exact", 2);
    assertThat(next).isEqualTo(new RideLoader.Counts(1, 1, 2, 1, 2, 0));
    assertThat(staged("exact-")).containsExactlyEntriesOf(expected(a, b, c, d));
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(*), sum(rows_read) FROM platform.loaded_files WHERE bucket = 'loader-exact'")) {
      result.next();
      assertThat(result.getLong(1)).isEqualTo(4);
      assertThat(result.getLong(2)).isEqualTo(6);
    }
  }

  @Test
  void numericsSurviveBinaryCopyExactly() throws Exception {
    String[] values = {
      "0.00",
      "0.01",
      "-0.01",
      "1.50",
      "-1.50",
      "10000.00",
      "12345678.90",
      "99999999.99",
      "100.01",
      "0.10"
    };
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMP TABLE numbers (n numeric(10,2))");
      PgBinaryRow out = new PgBinaryRow();
      out.header();
      for (String value : values) {
        out.startRow(1);
        out.numeric(new BigDecimal(value).unscaledValue().longValueExact(), 2);
      }
      out.trailer();
      var copy =
          connection
              .unwrap(org.postgresql.PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY numbers FROM STDIN (FORMAT binary)");
      copy.writeToCopy(out.array(), 0, out.size());
      copy.endCopy();
      List<String> read = new ArrayList<>();
      try (ResultSet result = statement.executeQuery("SELECT n::text FROM numbers")) {
        while (result.next()) {
          read.add(result.getString(1));
        }
      }
      assertThat(read).containsExactly(values);
    }
  }

  @Test
  void aLoaderKilledMidBatchLeavesNothingAndTheRerunLoadsEachRideOnce() throws Exception {
    String bucket = "loader-crash";
    ProcessedFixture fixture = new ProcessedFixture(s3, bucket, scratch.resolve("crash"));
    List<String> ids = new ArrayList<>();
    for (int f = 0; f < 6; f++) {
      List<ProcessedRide> rides = new ArrayList<>();
      for (int r = 0; r < 500; r++) {
        String id = "crash-%d-%03d".formatted(f, r);
        ids.add(id);
        rides.add(ProcessedFixture.ride(id, "2026-02-0%dT10:00:00Z".formatted(1 + f % 3), "20.00"));
      }
      fixture.file("2026-02-0%d".formatted(1 + f % 3), rides);
    }
    fixture.commit(1);

    // Kill -9 the loader while its second transaction holds copied but uncommitted rows.
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("platform.home")).resolve("platform").toString(),
                "load",
                "--data-dir",
                stack.dataDir().toString(),
                "--batch-files",
                "2",
                "--set",
                "s3.processed-bucket=" + bucket)
            .redirectErrorStream(true);
    builder.environment().put("PLATFORM_SKIP_BUILD", "1");
    builder.environment().put(LoadCommand.HANG_AFTER_COPY_VARIABLE, "2");
    Path output = Files.createTempFile(scratch, "load", ".out");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!Files.readString(output).contains("hanging after the COPY of batch 2")) {
      assertThat(process.isAlive()).as(Files.readString(output)).isTrue();
      assertThat(System.nanoTime()).as("the loader reached batch 2").isLessThan(deadline);
      Thread.sleep(100);
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);

    assertThat(staged("crash-")).hasSize(1000);
    PlatformCli.Result rerun =
        stack
            .cli()
            .run(
                "load",
                "--data-dir",
                stack.dataDir().toString(),
                "--batch-files",
                "2",
                "--set",
                "s3.processed-bucket=" + bucket);
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(rerun.output())
        .containsPattern("files loaded +4")
        .containsPattern("rows inserted +2,000");
    assertThat(staged("crash-").keySet()).containsExactlyElementsOf(new java.util.TreeSet<>(ids));
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(*), count(DISTINCT object_key) FROM platform.loaded_files WHERE bucket = '"
                    + bucket
                    + "'")) {
      result.next();
      assertThat(result.getLong(1)).isEqualTo(6);
      assertThat(result.getLong(2)).isEqualTo(6);
    }
  }
}
