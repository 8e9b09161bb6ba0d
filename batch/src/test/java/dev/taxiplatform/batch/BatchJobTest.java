package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.processed.BatchLedger;
import dev.taxiplatform.core.processed.BatchManifest;
import dev.taxiplatform.core.processed.ProcessedLayout;
import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.core.testing.LocalStack;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The batch job on real components: the local stack's S3 server, Spark in local mode, and DuckDB as
 * the independent reader of what it wrote.
 */
class BatchJobTest {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final BatchSettings SKIP = TestSpark.SKIP_CORRUPT;

  /** Every run a large one: rides written in the deduplication job, objects read in the bucket. */
  private static final BatchSettings LARGE_RUNS = SKIP.withSmallRunMaxMegabytes(0);

  private static S3Client s3;
  private static SparkSession spark;
  private static Path scratch;

  private static TestSpark local;

  @BeforeAll
  static void start() throws Exception {
    local = TestSpark.start("batch-test");
    s3 = local.s3();
    spark = local.spark();
    scratch = local.scratch();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  /** A fresh pair of buckets, so each test starts from nothing. */
  private record Buckets(String raw, String processed) {}

  private static Buckets buckets() {
    int n = BUCKETS.incrementAndGet();
    Buckets buckets = new Buckets("raw-test-" + n, "processed-test-" + n);
    s3.createBucket(b -> b.bucket(buckets.raw()));
    s3.createBucket(b -> b.bucket(buckets.processed()));
    return buckets;
  }

  private static BatchJob job(Buckets buckets, BatchSettings settings) {
    return new BatchJob(
        () -> spark, s3, storage(buckets), settings, lock(), BatchJob.Hook.NONE, Clock.systemUTC());
  }

  private static BatchStorage storage(Buckets buckets) {
    return new BatchStorage(buckets.raw(), "taxi-rides", buckets.processed());
  }

  private static BatchRunLock lock() {
    return new BatchRunLock(LocalStack.shared().connections().warehouse());
  }

  private static RawRideFiles files(Buckets buckets) {
    return new RawRideFiles(spark, s3, buckets.raw(), scratch.resolve(buckets.raw()));
  }

  /**
   * The directories of local copies of {@code bucket}'s objects left in Spark's local directory.
   */
  private static List<Path> localCopies(String bucket) throws IOException {
    Path localDir =
        Path.of(
            spark
                .conf()
                .get("spark.local.dir", System.getProperty("java.io.tmpdir"))
                .split(",")[0]);
    try (Stream<Path> entries = Files.list(localDir)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(bucket + "-")).toList();
    }
  }

  private static void write(RawRideFiles files, String key, List<RawRide> rides) {
    files.write(key, rides.stream().map(RawRide::toRow).toList());
  }

  /** One bad row per rule (two for unknown_zone), each failing only its own rule. */
  static Map<String, List<RawRide>> badRows(String day) {
    RawRide base = RawRide.valid("bad", day + "T10:00:00Z");
    Map<String, List<RawRide>> bad = new LinkedHashMap<>();
    bad.put("missing_ride_id", List.of(base.withId(null)));
    bad.put(
        "invalid_ride_id",
        List.of(base.withId("bad\u0000nul"), base.withId("x".repeat(3012)), base.withId("a b")));
    bad.put("missing_value", List.of(base.withId("bad-missing").withAmounts(null, 6.0, 0.0, 38.5)));
    bad.put("unparseable_timestamp", List.of(base.withId("bad-ts").withTimestamp("yesterday")));
    bad.put(
        "timestamp_out_of_range",
        List.of(base.withId("bad-old").withTimestamp("1999-12-31T23:00:00Z")));
    bad.put(
        "unknown_zone",
        List.of(
            base.withId("bad-zone").withZones(999, 236),
            base.withId("bad-zone-264").withZones(132, 264)));
    bad.put("non_positive_passengers", List.of(base.withId("bad-pax").withPassengers(0)));
    bad.put("too_many_passengers", List.of(base.withId("bad-pax-12").withPassengers(12)));
    bad.put("non_positive_distance", List.of(base.withId("bad-dist").withTrip(0.0, 30.0)));
    bad.put("non_positive_duration", List.of(base.withId("bad-dur").withTrip(10.0, 0.001)));
    bad.put(
        "non_positive_total", List.of(base.withId("bad-total").withAmounts(30.0, 6.0, 0.0, 0.0)));
    bad.put("negative_amount", List.of(base.withId("bad-tip").withAmounts(30.0, -1.0, 0.0, 38.5)));
    bad.put(
        "distance_too_long",
        List.of(
            base.withId("bad-500mi").withTrip(500.0, 600.0).withAmounts(1252.5, 0.0, 0.0, 1260.0)));
    bad.put("duration_too_long", List.of(base.withId("bad-20h").withTrip(10.0, 1200.0)));
    bad.put(
        "implausible_speed",
        List.of(base.withId("bad-speed").withTrip(50.0, 10.0).withAmounts(130.0, 0.0, 0.0, 135.0)));
    bad.put(
        "amount_too_large",
        List.of(
            base.withId("bad-big").withTrip(150.0, 180.0).withAmounts(4000.0, 0.0, 0.0, 6000.0)));
    bad.put(
        "implausible_tip",
        List.of(base.withId("bad-tip-big").withAmounts(30.0, 1600.0, 0.0, 1640.0)));
    bad.put(
        "fare_inconsistent_with_distance",
        List.of(base.withId("bad-fare").withTrip(1.0, 10.0).withAmounts(100.0, 0.0, 0.0, 105.0)));
    bad.put(
        "total_below_components",
        List.of(base.withId("bad-sum").withAmounts(20.0, 5.0, 0.0, 10.0)));
    bad.put(
        "unknown_payment_type", List.of(base.withId("bad-pay").withCodes("bitcoin", "standard")));
    bad.put("unknown_rate_code", List.of(base.withId("bad-rate").withCodes("cash", "moon")));
    return bad;
  }

  @ParameterizedTest(name = "large runs: {0}")
  @ValueSource(booleans = {false, true})
  void cleansEnrichesDeduplicatesIncrementallyAndFullRefreshMatchesHistory(boolean largeRuns)
      throws Exception {
    BatchSettings settings = largeRuns ? LARGE_RUNS : SKIP;
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    RawRide r1 = RawRide.valid("r1", "2026-03-01T08:15:30.250Z");
    RawRide r2 =
        RawRide.valid("r2", "2026-03-01T17:45:00Z")
            .withCodes("cash", "standard")
            .withAmounts(27.5, 0.0, 6.94, 36.94);
    RawRide r3 =
        RawRide.valid("r3", "2026-03-01T23:59:59.999Z")
            .withTrip(3.33, 7.0)
            .withPassengers(3)
            .withAmounts(11.0, 2.2, 0.0, 15.7);
    RawRide r4 =
        RawRide.valid("r4", "2026-03-02T00:00:00Z")
            .withZones(1, 265)
            .withCodes("no_charge", "newark")
            .withAmounts(0.0, 0.0, 0.0, 5.5);
    RawRide r5 =
        RawRide.valid("r5", "2026-03-02T12:30:00+00:00")
            .withTrip(17.2, 45.5)
            .withCodes("credit_card", "jfk")
            .withAmounts(70.0, 14.0, 6.94, 95.44);
    RawRide r6 =
        RawRide.valid("r6", "2026-03-03T07:00:00Z")
            .withZones(43, 43)
            .withTrip(0.5, 4.0)
            .withAmounts(4.5, 1.0, 0.0, 7.0);
    Map<String, List<RawRide>> bad = badRows("2026-03-01");
    List<RawRide> day1 = new ArrayList<>(List.of(r1, r2, r1, r3));
    bad.values().forEach(day1::addAll);
    write(files, RawRideFiles.key("2026-03-01", 0, 0), day1);
    write(files, RawRideFiles.key("2026-03-01", 1, 0), List.of(r3, r2));
    write(files, RawRideFiles.key("2026-03-02", 0, 100), List.of(r4, r5));

    // Run 1: three objects, known content.
    BatchRunSummary first = job(buckets, settings).run(false);
    Map<String, Long> expectedRules = new LinkedHashMap<>();
    RideRules.names().forEach(rule -> expectedRules.put(rule, (long) bad.get(rule).size()));
    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.rawObjectsRead()).isEqualTo(3);
    assertThat(first.rawRowsRead()).isEqualTo(4 + 24 + 2 + 2);
    assertThat(first.quarantinedByRule()).containsExactlyEntriesOf(expectedRules);
    assertThat(first.duplicatesDropped()).isEqualTo(3);
    assertThat(first.ridesWritten()).isEqualTo(5);
    assertThat(first.ridesFiles()).isEqualTo(2);
    assertThat(first.corruptObjects()).isEmpty();
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsExactlyEntriesOf(expected(r1, r2, r3, r4, r5));
      assertThat(data.quarantineCounts())
          .containsExactlyInAnyOrderEntriesOf(
              expectedRules.entrySet().stream()
                  .collect(
                      Collectors.toMap(Map.Entry::getKey, e -> List.<Object>of(e.getValue()))));
      assertAggregates(data, List.of(r1, r2, r3, r4, r5));
      String dayOne = "s3a://" + buckets.raw() + "/" + RawRideFiles.key("2026-03-01", 0, 0);
      assertThat(
              data.rows(
                      ProcessedLayout.QUARANTINE,
                      "concat_ws('|', quarantine_rule, coalesce(ride_id, '-'), source_object)")
                  .keySet())
          .as("a quarantined row names its object in the raw bucket, not the run's local copy")
          .isNotEmpty()
          .allMatch(row -> row.endsWith("|" + dayOne), "ends with |" + dayOne);
    }

    assertThat(localCopies(buckets.raw())).as("raw copies removed when the run ended").isEmpty();
    assertThat(localCopies(buckets.processed())).isEmpty();

    // Run 2: nothing new, nothing changes.
    BatchRunSummary second = job(buckets, settings).run(false);
    assertThat(second.sequence()).isZero();
    assertThat(second.rawObjectsRead()).isZero();
    assertThat(BatchLedger.read(s3, buckets.processed()).all()).hasSize(1);

    // Run 3: a new object with one new ride per date, and rides seen in run 1.
    RawRide r7 = RawRide.valid("r7", "2026-03-02T08:00:00Z").withPassengers(2);
    write(files, RawRideFiles.key("2026-03-02", 2, 500), List.of(r7, r5, r4));
    write(files, RawRideFiles.key("2026-03-03", 0, 900), List.of(r6, r6));
    BatchRunSummary third = job(buckets, settings).run(false);
    assertThat(localCopies(buckets.processed()))
        .as("copies of earlier rides and snapshots removed when the run ended")
        .isEmpty();
    assertThat(third.sequence()).isEqualTo(2);
    assertThat(third.rawObjectsRead()).isEqualTo(2);
    assertThat(third.rawRowsRead()).isEqualTo(5);
    assertThat(third.quarantined()).isZero();
    assertThat(BatchLedger.read(s3, buckets.processed()).latest().orElseThrow().quarantineFiles())
        .isEmpty();
    assertThat(listKeys(buckets.processed(), "quarantine/batch_run=000002/"))
        .as("a run with nothing quarantined leaves no quarantine file")
        .isEmpty();
    assertThat(third.duplicatesDropped()).isEqualTo(3);
    assertThat(third.ridesWritten()).isEqualTo(2);
    List<RawRide> all = List.of(r1, r2, r3, r4, r5, r6, r7);
    Map<String, List<Object>> incrementalRides;
    Map<String, List<Object>> incrementalZones;
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      incrementalRides = data.rides();
      assertThat(incrementalRides).containsExactlyEntriesOf(expected(all.toArray(RawRide[]::new)));
      incrementalZones = assertAggregates(data, all);
    }

    // Full refresh: the same data set as the incremental history, and earlier runs superseded.
    BatchRunSummary refresh = job(buckets, settings).run(true);
    assertThat(refresh.sequence()).isEqualTo(3);
    assertThat(refresh.fullRefresh()).isTrue();
    assertThat(refresh.rawObjectsRead()).isEqualTo(5);
    assertThat(refresh.ridesWritten()).isEqualTo(7);
    assertThat(refresh.garbageFilesRemoved()).isGreaterThan(0);
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).isEqualTo(incrementalRides);
      assertThat(assertAggregates(data, all)).isEqualTo(incrementalZones);
      assertThat(data.ledger.live()).hasSize(1);
    }
    assertThat(listKeys(buckets.processed(), "rides/"))
        .containsExactlyInAnyOrderElementsOf(
            BatchLedger.read(s3, buckets.processed()).ridesFiles().stream()
                .map(f -> f.key())
                .toList());
  }

  @Test
  void corruptObjectsAreReportedByNameAndSkippedOrFailTheRun() throws Exception {
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    RawRide good = RawRide.valid("good-1", "2026-04-01T09:00:00Z");
    write(files, RawRideFiles.key("2026-04-01", 0, 0), List.of(good));
    String garbage = RawRideFiles.key("2026-04-01", 1, 0);
    files.writeBytes(
        garbage, "not parquet at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String wrongTypes = RawRideFiles.key("2026-04-01", 2, 0);
    files.write(
        wrongTypes, spark.sql("SELECT 'x' AS ride_id, CAST(7 AS BIGINT) AS pickup_zone_id"));

    BatchSettings fail =
        new BatchSettings("local[2]", 2, 1_000_000, BatchSettings.OnCorrupt.FAIL, UTC, 16, 32);
    assertThatThrownBy(() -> job(buckets, fail).run(false))
        .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
        .hasMessageContaining(garbage)
        .hasMessageContaining(
            wrongTypes + ": column pickup_zone_id is INT64, the raw contract says INT32")
        .hasMessageContaining("--on-corrupt=skip");
    assertThat(BatchLedger.read(s3, buckets.processed()).all()).isEmpty();
    assertThat(listKeys(buckets.processed(), "")).isEmpty();

    BatchRunSummary skipped = job(buckets, SKIP).run(false);
    assertThat(skipped.corruptObjects())
        .extracting(c -> c.key())
        .containsExactlyInAnyOrder(garbage, wrongTypes);
    assertThat(skipped.render()).contains("corrupt raw object " + garbage);
    assertThat(skipped.ridesWritten()).isEqualTo(1);

    // Still unprocessed: reported again by the next run, until replaced.
    BatchRunSummary again = job(buckets, SKIP).run(false);
    assertThat(again.sequence()).isZero();
    assertThat(again.corruptObjects()).hasSize(2);
  }

  @Test
  void damageBehindAReadableFooterIsFoundBySparkReportedAndSkipped() throws Exception {
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    write(
        files,
        RawRideFiles.key("2026-05-01", 0, 0),
        List.of(RawRide.valid("intact", "2026-05-01T09:00:00Z")));
    String damaged = RawRideFiles.key("2026-05-01", 1, 0);
    write(files, damaged, List.of(RawRide.valid("lost", "2026-05-01T10:00:00Z")));
    byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(buckets.raw()).key(damaged)).asByteArray();
    // The first column chunk's page header, right after the magic number; the footer stays intact.
    java.util.Arrays.fill(bytes, 4, 68, (byte) 0xFF);
    files.writeBytes(damaged, bytes);

    BatchSettings fail =
        new BatchSettings("local[2]", 2, 1_000_000, BatchSettings.OnCorrupt.FAIL, UTC, 16, 32);
    assertThatThrownBy(() -> job(buckets, fail).run(false))
        .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
        .hasMessageContaining("failed before committing");
    assertThat(BatchLedger.read(s3, buckets.processed()).all()).isEmpty();

    BatchRunSummary skipped = job(buckets, SKIP).run(false);

    assertThat(skipped.corruptObjects()).extracting(c -> c.key()).containsExactly(damaged);
    assertThat(skipped.corruptObjects().get(0).error()).startsWith("unreadable data: ");
    assertThat(skipped.rawObjectsRead()).isEqualTo(1);
    assertThat(skipped.ridesWritten()).isEqualTo(1);
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("intact");
    }
    assertThat(BatchLedger.read(s3, buckets.processed()).consumedRawObjects())
        .doesNotContainKey(damaged);
  }

  @ParameterizedTest(name = "large runs: {0}")
  @ValueSource(booleans = {false, true})
  void filesOfAnUnfinishedRunAreRemovedAndNeverCommitted(boolean largeRuns) throws Exception {
    BatchSettings settings = largeRuns ? LARGE_RUNS : SKIP;
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    write(
        files,
        RawRideFiles.key("2026-06-01", 0, 0),
        List.of(RawRide.valid("a", "2026-06-01T10:00:00Z")));
    job(buckets, settings).run(false);
    // What a run killed after writing but before committing leaves behind.
    String orphan = "rides/event_date=2026-06-01/part-00000-crashed.c000.snappy.parquet";
    s3.putObject(b -> b.bucket(buckets.processed()).key(orphan), RequestBody.fromString("partial"));
    write(
        files,
        RawRideFiles.key("2026-06-02", 0, 0),
        List.of(RawRide.valid("b", "2026-06-02T10:00:00Z")));

    BatchRunSummary next = job(buckets, settings).run(false);

    // The orphan, and after the commit run 1's three aggregate snapshots, now superseded.
    assertThat(next.garbageFilesRemoved()).isEqualTo(4);
    assertThat(listKeys(buckets.processed(), "rides/")).doesNotContain(orphan);
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("a", "b");
    }
  }

  @Test
  void aCommitRemovesTheSnapshotsItSupersededAndLeavesOtherStrayFilesToTheNextRun()
      throws Exception {
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    writeOneRide(files, "a", "2026-06-01");
    job(buckets, SKIP).run(false);
    List<String> firstSnapshots =
        RideAggregates.ALL.stream()
            .flatMap(a -> listKeys(buckets.processed(), a.name() + "/").stream())
            .toList();
    assertThat(firstSnapshots).hasSize(3);
    // A file no manifest names appearing while run 2 writes (as a failed task attempt's would).
    String stray = "rides/event_date=2026-06-02/part-00000-failed-attempt.c000.snappy.parquet";
    BatchJob.Hook strayFile =
        sequence ->
            s3.putObject(
                b -> b.bucket(buckets.processed()).key(stray), RequestBody.fromString("partial"));
    writeOneRide(files, "b", "2026-06-02");

    BatchRunSummary second =
        new BatchJob(() -> spark, s3, storage(buckets), SKIP, lock(), strayFile, Clock.systemUTC())
            .run(false);

    // Run 1's three snapshots, known from the manifests; the stray file waits for the next run.
    assertThat(second.garbageFilesRemoved()).isEqualTo(3);
    for (String key : firstSnapshots) {
      assertThat(listKeys(buckets.processed(), key)).isEmpty();
    }
    assertThat(listKeys(buckets.processed(), "rides/")).contains(stray);
    writeOneRide(files, "c", "2026-06-03");
    BatchRunSummary third = job(buckets, SKIP).run(false);
    assertThat(third.garbageFilesRemoved()).isEqualTo(4);
    assertThat(listKeys(buckets.processed(), "rides/")).doesNotContain(stray);
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("a", "b", "c");
    }
  }

  /** Writes ride {@code rideId} at 10:00 UTC on {@code date}, in that day's first raw object. */
  private static void writeOneRide(RawRideFiles files, String rideId, String date) {
    write(files, RawRideFiles.key(date, 0, 0), List.of(RawRide.valid(rideId, date + "T10:00:00Z")));
  }

  @Test
  void theLoaderPutsExactlyTheProcessedRidesAndAggregatesIntoTheWarehouse() throws Exception {
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    RawRide a = RawRide.valid("e2e-a", "2026-07-04T08:00:00Z");
    RawRide b =
        RawRide.valid("e2e-b", "2026-07-05T18:30:00.5Z")
            .withCodes("cash", "jfk")
            .withAmounts(52.0, 0.0, 6.94, 60.44);
    write(files, RawRideFiles.key("2026-07-04", 0, 0), List.of(a, a));
    write(files, RawRideFiles.key("2026-07-05", 0, 0), List.of(b));
    job(buckets, SKIP).run(false);

    LocalStack stack = LocalStack.shared();
    var load =
        stack
            .cli()
            .run(
                "load",
                "--data-dir",
                stack.dataDir().toString(),
                "--set",
                "s3.processed-bucket=" + buckets.processed());

    assertThat(load.exitCode()).as(load.toString()).isZero();
    assertThat(load.output()).containsPattern("rows inserted +2");
    try (java.sql.Connection pg = stack.connections().warehouse().open()) {
      assertThat(
              query(
                  pg,
                  "SELECT ride_id, (extract(epoch FROM event_ts) * 1000)::bigint,"
                      + " event_date::text, event_hour::int, pickup_zone_id, pickup_zone_name,"
                      + " pickup_borough, dropoff_zone_id, dropoff_zone_name, dropoff_borough,"
                      + " passenger_count::int, trip_distance_miles, duration_minutes, payment_type,"
                      + " rate_code, fare_amount, tip_amount, tolls_amount, total_amount,"
                      + " fare_per_mile, fare_per_minute, tip_percentage, is_rush_hour, is_weekend"
                      + " FROM staging.stg_rides WHERE ride_id LIKE 'e2e-%'"))
          .containsExactlyEntriesOf(expected(a, b));
      try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
        assertThat(
                query(
                    pg,
                    "SELECT payment_type, ride_count, total_fare, total_tip, total_revenue,"
                        + " tip_percentage_sum, avg_fare, avg_tip_percentage, avg_revenue,"
                        + " ride_share_percentage FROM staging.payment_stats"))
            .isEqualTo(
                data.aggregate(
                    "payment-stats",
                    "payment_type",
                    "ride_count, total_fare, total_tip, total_revenue, tip_percentage_sum,"
                        + " avg_fare, avg_tip_percentage, avg_revenue, ride_share_percentage"));
      }
    }
  }

  @Test
  void calendarFieldsAreLocalToTheBusinessTimeZoneAroundMidnightAndBothDstChanges()
      throws Exception {
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    // id -> UTC instant; New York local time in the comment.
    Map<String, String> rides = new LinkedHashMap<>();
    rides.put("fri-late", "2026-03-07T04:30:00Z"); // Fri 2026-03-06 23:30 EST
    rides.put("before-spring", "2026-03-08T06:59:00Z"); // Sun 01:59 EST
    rides.put("after-spring", "2026-03-08T07:00:00Z"); // Sun 03:00 EDT
    rides.put("mon-rush", "2026-03-09T12:30:00Z"); // Mon 08:30 EDT
    rides.put("fall-first", "2026-11-01T05:30:00Z"); // Sun 01:30 EDT
    rides.put("fall-second", "2026-11-01T06:30:00Z"); // Sun 01:30 EST
    rides.put("sun-late", "2026-11-02T04:59:00Z"); // Sun 2026-11-01 23:59 EST
    rides.put("mon-midnight", "2026-11-02T05:00:00Z"); // Mon 2026-11-02 00:00 EST
    List<RawRide> raw = new ArrayList<>();
    rides.forEach((id, ts) -> raw.add(RawRide.valid(id, ts)));
    write(files, RawRideFiles.key("2026-03-07", 0, 0), raw);

    job(buckets, SKIP).run(false);

    // date, hour, rush hour, weekend
    Map<String, List<Object>> expected = new TreeMap<>();
    expected.put("fri-late", List.of("2026-03-06", 23, false, false));
    expected.put("before-spring", List.of("2026-03-08", 1, false, true));
    expected.put("after-spring", List.of("2026-03-08", 3, false, true));
    expected.put("mon-rush", List.of("2026-03-09", 8, true, false));
    expected.put("fall-first", List.of("2026-11-01", 1, false, true));
    expected.put("fall-second", List.of("2026-11-01", 1, false, true));
    expected.put("sun-late", List.of("2026-11-01", 23, false, true));
    expected.put("mon-midnight", List.of("2026-11-02", 0, false, false));
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      Map<String, List<Object>> calendar = new TreeMap<>();
      data.rides()
          .forEach(
              (id, row) ->
                  calendar.put(
                      id,
                      List.of(
                          row.get(1),
                          row.get(2),
                          row.get(row.size() - 2),
                          row.get(row.size() - 1))));
      assertThat(calendar).isEqualTo(expected);
      assertThat(
              data.aggregate(
                  "hourly-stats",
                  "CAST(event_date AS VARCHAR) || ' ' || event_hour",
                  "ride_count, is_rush_hour, is_weekend"))
          .containsEntry("2026-11-01 1", List.of(2L, false, true))
          .containsEntry("2026-03-09 8", List.of(1L, true, false))
          .containsEntry("2026-03-06 23", List.of(1L, false, false))
          .hasSize(7);
    }

    // Another business time zone: the same instants, other calendar fields.
    Buckets utc = buckets();
    write(files(utc), RawRideFiles.key("2026-03-07", 0, 0), raw);
    job(utc, new BatchSettings("local[2]", 2, 1_000_000, BatchSettings.OnCorrupt.SKIP, UTC, 16, 32))
        .run(false);
    try (ProcessedData data = ProcessedData.download(s3, utc.processed())) {
      List<Object> friLate = data.rides().get("fri-late");
      assertThat(List.of(friLate.get(1), friLate.get(2), friLate.get(friLate.size() - 1)))
          .isEqualTo(List.of("2026-03-07", 4, true));
    }
  }

  @Test
  void readsTheRawObjectsOfTheConfiguredTopic() throws Exception {
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    write(
        files,
        RawRideFiles.key("nyc-rides", "2026-09-10", 0, 0),
        List.of(RawRide.valid("topic-a", "2026-09-10T15:00:00Z")));
    write(
        files,
        RawRideFiles.key("2026-09-10", 0, 0),
        List.of(RawRide.valid("other-topic", "2026-09-10T15:00:00Z")));

    BatchRunSummary summary =
        new BatchJob(
                () -> spark,
                s3,
                new BatchStorage(buckets.raw(), "nyc-rides", buckets.processed()),
                SKIP,
                lock(),
                BatchJob.Hook.NONE,
                Clock.systemUTC())
            .run(false);

    assertThat(summary.rawObjectsRead()).isEqualTo(1);
    assertThat(summary.ridesWritten()).isEqualTo(1);
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("topic-a");
    }
  }

  @Test
  void aReplayIntoAnotherDaysFolderIsDeduplicatedAndRunsWithNothingToWriteCommit()
      throws Exception {
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    List<RawRide> rides =
        List.of(
            RawRide.valid("replay-1", "2026-09-01T14:00:00Z"),
            RawRide.valid("replay-2", "2026-09-01T15:00:00Z"),
            RawRide.valid("replay-3", "2026-09-02T02:00:00Z"));
    String original = RawRideFiles.key("2026-09-01", 0, 0);
    write(files, original, rides);
    job(buckets, SKIP).run(false);
    Map<String, List<Object>> zonesBefore;
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      zonesBefore = assertAggregates(data, rides);
    }

    // The same bytes, filed under another day and another partition.
    byte[] copy = s3.getObjectAsBytes(b -> b.bucket(buckets.raw()).key(original)).asByteArray();
    files.writeBytes(RawRideFiles.key("2026-09-05", 3, 7000), copy);
    BatchRunSummary replay = job(buckets, SKIP).run(false);

    assertThat(replay.sequence()).isEqualTo(2);
    assertThat(replay.rawRowsRead()).isEqualTo(3);
    assertThat(replay.duplicatesDropped()).isEqualTo(3);
    assertThat(replay.ridesWritten()).isZero();
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("replay-1", "replay-2", "replay-3");
      assertThat(assertAggregates(data, rides)).isEqualTo(zonesBefore);
    }

    // Only a quarantined row: the run commits, with nothing written.
    write(
        files,
        RawRideFiles.key("2026-09-06", 0, 0),
        List.of(RawRide.valid("no-passengers", "2026-09-06T10:00:00Z").withPassengers(0)));
    BatchRunSummary quarantinedOnly = job(buckets, SKIP).run(false);

    assertThat(quarantinedOnly.sequence()).isEqualTo(3);
    assertThat(quarantinedOnly.quarantinedByRule()).containsEntry("non_positive_passengers", 1L);
    assertThat(quarantinedOnly.ridesWritten()).isZero();
    assertThat(BatchLedger.read(s3, buckets.processed()).all()).hasSize(3);
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("replay-1", "replay-2", "replay-3");
      assertThat(assertAggregates(data, rides)).isEqualTo(zonesBefore);
    }
    assertThat(job(buckets, SKIP).run(false).sequence()).isZero();
  }

  @Test
  void damageInsideAPageFailsItsChecksumAndAMissingColumnIsACorruptObject() throws Exception {
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    write(
        files,
        RawRideFiles.key("2026-10-01", 0, 0),
        List.of(RawRide.valid("intact", "2026-10-01T15:00:00Z")));
    // Uncompressed and without a dictionary, so the id's bytes lie in a data page as written.
    Path directory = scratch.resolve("plain-" + System.nanoTime());
    spark
        .createDataFrame(
            List.of(RawRide.valid("tamper-0001", "2026-10-01T16:00:00Z").toRow()),
            RawRideSchema.SCHEMA)
        .coalesce(1)
        .write()
        .option("compression", "none")
        .option("parquet.enable.dictionary", "false")
        .parquet(directory.toUri().toString());
    byte[] bytes = Files.readAllBytes(RawRideFiles.partFiles(directory).get(0));
    int at = indexOf(bytes, "tamper-0001".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(at).isPositive();
    bytes[at + "tamper-000".length()] = '2';
    String damaged = RawRideFiles.key("2026-10-01", 1, 0);
    files.writeBytes(damaged, bytes);
    String noTip = RawRideFiles.key("2026-10-01", 2, 0);
    files.write(
        noTip,
        spark
            .createDataFrame(
                List.of(RawRide.valid("no-tip", "2026-10-01T17:00:00Z").toRow()),
                RawRideSchema.SCHEMA)
            .drop("tip_amount"));

    BatchRunSummary summary = job(buckets, SKIP).run(false);

    assertThat(summary.corruptObjects())
        .extracting(c -> c.key())
        .containsExactlyInAnyOrder(damaged, noTip);
    assertThat(summary.corruptObjects())
        .filteredOn(c -> c.key().equals(noTip))
        .extracting(c -> c.error())
        .containsExactly("no column [tip_amount], which the raw contract requires");
    assertThat(summary.quarantined()).isZero();
    assertThat(summary.ridesWritten()).isEqualTo(1);
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("intact");
    }
  }

  @Test
  void aSecondRunWhileOneIsInProgressFailsClearlyAndChangesNothing() throws Exception {
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    write(
        files,
        RawRideFiles.key("2026-10-10", 0, 0),
        List.of(RawRide.valid("first", "2026-10-10T15:00:00Z")));
    java.util.concurrent.CountDownLatch aboutToCommit = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch mayCommit = new java.util.concurrent.CountDownLatch(1);
    BatchJob.Hook pause =
        sequence -> {
          aboutToCommit.countDown();
          try {
            mayCommit.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    java.util.concurrent.ExecutorService executor =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<BatchRunSummary> first =
          executor.submit(
              () ->
                  new BatchJob(
                          () -> spark, s3, storage(buckets), SKIP, lock(), pause, Clock.systemUTC())
                      .run(false));
      assertThat(aboutToCommit.await(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();

      assertThatThrownBy(() -> job(buckets, SKIP).run(false))
          .isInstanceOfSatisfying(
              PlatformException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
          .hasMessageContaining(
              "Another batch run on bucket " + buckets.processed() + " is in progress");

      mayCommit.countDown();
      BatchRunSummary committed = first.get(5, java.util.concurrent.TimeUnit.MINUTES);
      assertThat(committed.sequence()).isEqualTo(1);
      assertThat(committed.ridesWritten()).isEqualTo(1);
    } finally {
      mayCommit.countDown();
      executor.shutdownNow();
    }
    assertThat(BatchLedger.read(s3, buckets.processed()).all()).hasSize(1);
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("first");
    }
    // The lock is free again once the run is over.
    assertThat(job(buckets, SKIP).run(false).sequence()).isZero();
  }

  @Test
  void aRunWithNothingToReadOrWithoutTheLockStartsNoSparkSession() throws Exception {
    Buckets buckets = buckets();
    Supplier<SparkSession> refused =
        () -> {
          throw new AssertionError("the run asked for a Spark session");
        };

    BatchRunSummary nothing =
        new BatchJob(
                refused, s3, storage(buckets), SKIP, lock(), BatchJob.Hook.NONE, Clock.systemUTC())
            .run(false);
    assertThat(nothing.sequence()).isZero();
    assertThat(nothing.rawObjectsRead()).isZero();

    write(
        files(buckets),
        RawRideFiles.key("2026-10-11", 0, 0),
        List.of(RawRide.valid("only", "2026-10-11T09:00:00Z")));
    try (BatchRunLock.Held other = lock().acquire(buckets.processed())) {
      other.verify();
      assertThatThrownBy(
              () ->
                  new BatchJob(
                          refused,
                          s3,
                          storage(buckets),
                          SKIP,
                          lock(),
                          BatchJob.Hook.NONE,
                          Clock.systemUTC())
                      .run(false))
          .isInstanceOf(PlatformException.class)
          .hasMessageContaining("Another batch run");
    }

    AtomicInteger asked = new AtomicInteger();
    Supplier<SparkSession> counted =
        () -> {
          asked.incrementAndGet();
          return spark;
        };
    BatchRunSummary processed =
        new BatchJob(
                counted, s3, storage(buckets), SKIP, lock(), BatchJob.Hook.NONE, Clock.systemUTC())
            .run(false);
    assertThat(processed.sequence()).isEqualTo(1);
    assertThat(processed.ridesWritten()).isEqualTo(1);
    assertThat(asked.get()).isPositive();
  }

  @Test
  void aDateOfManyRunsIsCheckedAgainstItsRideIdSnapshotInsteadOfItsFiles() throws Exception {
    BatchSettings snapshotAfterTwo =
        new BatchSettings("local[2]", 2, 1_000_000, BatchSettings.OnCorrupt.SKIP, UTC, 2, 32);
    Buckets buckets = buckets();
    RawRideFiles files = files(buckets);
    String day = "2026-09-01";
    write(
        files,
        RawRideFiles.key(day, 0, 0),
        List.of(RawRide.valid("s1", day + "T08:00:00Z"), RawRide.valid("s2", day + "T08:05:00Z")));
    assertThat(job(buckets, snapshotAfterTwo).run(false).ridesWritten()).isEqualTo(2);
    assertThat(latest(buckets).rideIds()).isEmpty();

    // Run 2 makes the date's second rides file, so it snapshots the date's ids; killed before its
    // commit first, which leaves the snapshot unnamed: never read, removed by the next run.
    write(
        files,
        RawRideFiles.key(day, 0, 100),
        List.of(RawRide.valid("s3", day + "T09:00:00Z"), RawRide.valid("s1", day + "T08:00:00Z")));
    BatchJob.Hook killed =
        sequence -> {
          throw new IllegalStateException("killed before the commit of run " + sequence);
        };
    assertThatThrownBy(
            () ->
                new BatchJob(
                        () -> spark,
                        s3,
                        storage(buckets),
                        snapshotAfterTwo,
                        lock(),
                        killed,
                        Clock.systemUTC())
                    .run(false))
        .hasMessageContaining("killed before the commit of run 2");
    List<String> orphans = listKeys(buckets.processed(), ProcessedLayout.RIDE_IDS);
    assertThat(orphans).singleElement().asString().startsWith("ride-ids/snapshot=000002/");
    assertThat(latest(buckets).rideIds()).isEmpty();

    BatchRunSummary second = job(buckets, snapshotAfterTwo).run(false);
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.ridesWritten()).isEqualTo(1);
    assertThat(second.duplicatesDropped()).isEqualTo(1);
    BatchManifest.RideIdSnapshot snapshot = latest(buckets).rideIds().get(day);
    assertThat(snapshot.coversUpTo()).isEqualTo(2);
    assertThat(snapshot.files())
        .singleElement()
        .satisfies(
            f -> assertThat(f.key()).startsWith("ride-ids/snapshot=000002/event_date=" + day));
    assertThat(listKeys(buckets.processed(), ProcessedLayout.RIDE_IDS))
        .containsExactly(snapshot.files().get(0).key());
    assertThat(
            spark
                .read()
                .parquet("s3a://" + buckets.processed() + "/" + snapshot.files().get(0).key())
                .select("ride_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("s1", "s2", "s3");

    // Run 3 reads the snapshot, not the files it covers: with those set aside, it still drops
    // the rides seen in them.
    List<BatchManifest.OutputFile> covered = BatchLedger.read(s3, buckets.processed()).ridesFiles();
    assertThat(covered).hasSize(2);
    Map<String, byte[]> setAside = new TreeMap<>();
    for (BatchManifest.OutputFile file : covered) {
      setAside.put(
          file.key(),
          s3.getObjectAsBytes(b -> b.bucket(buckets.processed()).key(file.key())).asByteArray());
      s3.deleteObject(b -> b.bucket(buckets.processed()).key(file.key()));
    }
    write(
        files,
        RawRideFiles.key(day, 0, 200),
        List.of(
            RawRide.valid("s4", day + "T10:00:00Z"),
            RawRide.valid("s2", day + "T08:05:00Z"),
            RawRide.valid("s3", day + "T09:00:00Z")));
    BatchRunSummary third = job(buckets, snapshotAfterTwo).run(false);
    assertThat(third.ridesWritten()).isEqualTo(1);
    assertThat(third.duplicatesDropped()).isEqualTo(2);
    assertThat(latest(buckets).rideIds()).containsExactly(Map.entry(day, snapshot));
    setAside.forEach(
        (key, bytes) ->
            s3.putObject(
                b -> b.bucket(buckets.processed()).key(key), RequestBody.fromBytes(bytes)));
    try (ProcessedData data = ProcessedData.download(s3, buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("s1", "s2", "s3", "s4");
    }
  }

  private static BatchManifest latest(Buckets buckets) {
    return BatchLedger.read(s3, buckets.processed()).latest().orElseThrow();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static Map<String, List<Object>> query(java.sql.Connection connection, String sql)
      throws Exception {
    Map<String, List<Object>> rows = new TreeMap<>();
    try (var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 2; i <= columns; i++) {
          values.add(result.getObject(i));
        }
        rows.put(result.getString(1), values);
      }
    }
    return rows;
  }

  private static List<String> listKeys(String bucket, String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(o -> o.key())
        .filter(k -> !k.endsWith("/"))
        .toList();
  }

  private static Map<String, List<Object>> expected(RawRide... rides) {
    Map<String, List<Object>> expected = new TreeMap<>();
    for (RawRide ride : rides) {
      expected.put(ride.rideId(), ExpectedRide.values(ExpectedRide.of(ride)));
    }
    return expected;
  }

  /** Checks the three aggregates against sums the test computes; returns the zone stats. */
  private static Map<String, List<Object>> assertAggregates(ProcessedData data, List<RawRide> rides)
      throws Exception {
    List<ProcessedRide> expected = rides.stream().map(ExpectedRide::of).toList();
    Map<String, List<Object>> zones = new TreeMap<>();
    expected.stream()
        .collect(
            Collectors.groupingBy(ProcessedRide::pickupZoneId, TreeMap::new, Collectors.toList()))
        .forEach(
            (zone, group) ->
                zones.put(
                    Integer.toString(zone),
                    List.of(
                        (long) group.size(),
                        sum(group, ProcessedRide::fare),
                        sum(group, ProcessedRide::total),
                        sum(group, ProcessedRide::tipPercentage),
                        avg(sum(group, ProcessedRide::fare), group.size()),
                        avg(sum(group, ProcessedRide::tipPercentage), group.size()))));
    Map<String, List<Object>> zoneStats =
        data.aggregate(
            "zone-stats",
            "CAST(pickup_zone_id AS VARCHAR)",
            "ride_count, total_fare, total_revenue, tip_percentage_sum, avg_fare, avg_tip_percentage");
    assertThat(zoneStats).isEqualTo(zones);

    Map<String, List<Object>> hours = new TreeMap<>();
    expected.stream()
        .collect(Collectors.groupingBy(r -> r.eventDate() + " " + r.eventHour()))
        .forEach(
            (key, group) ->
                hours.put(
                    key,
                    List.of(
                        (long) group.size(),
                        sum(group, ProcessedRide::total),
                        group.get(0).rushHour(),
                        group.get(0).weekend())));
    assertThat(
            data.aggregate(
                "hourly-stats",
                "CAST(event_date AS VARCHAR) || ' ' || event_hour",
                "ride_count, total_revenue, is_rush_hour, is_weekend"))
        .isEqualTo(hours);

    Map<String, List<Object>> payments = new TreeMap<>();
    expected.stream()
        .collect(Collectors.groupingBy(ProcessedRide::paymentType))
        .forEach(
            (type, group) ->
                payments.put(
                    type,
                    List.of(
                        (long) group.size(),
                        sum(group, ProcessedRide::tip),
                        BigDecimal.valueOf(group.size() * 100.0 / expected.size())
                            .setScale(2, java.math.RoundingMode.HALF_UP))));
    assertThat(
            data.aggregate(
                "payment-stats", "payment_type", "ride_count, total_tip, ride_share_percentage"))
        .isEqualTo(payments);
    return zoneStats;
  }

  private static BigDecimal sum(
      List<ProcessedRide> rides, java.util.function.Function<ProcessedRide, BigDecimal> field) {
    return rides.stream().map(field).reduce(new BigDecimal("0.00"), BigDecimal::add);
  }

  private static BigDecimal avg(BigDecimal sum, int count) {
    return sum.divide(BigDecimal.valueOf(count), 2, java.math.RoundingMode.HALF_UP);
  }
}
