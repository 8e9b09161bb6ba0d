package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.processed.ProcessedLayout;
import dev.taxiplatform.core.testing.LocalStack;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The benchmark's DuckDB reference does the batch job's work: on the same raw objects it writes the
 * same rides, quarantined rows and aggregates, value for value.
 */
class DuckDbReferenceTest {
  private static final BatchSettings SETTINGS = TestSpark.SKIP_CORRUPT;

  private static S3Client s3;
  private static SparkSession spark;
  private static Path scratch;

  private static TestSpark local;

  @BeforeAll
  static void start() throws Exception {
    local = TestSpark.start("reference-test");
    s3 = local.s3();
    spark = local.spark();
    scratch = local.scratch();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void writesTheSameRidesQuarantineAndAggregatesAsTheSparkJob() throws Exception {
    for (String bucket : List.of("reference-raw", "reference-spark", "reference-duckdb")) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    RawRideFiles files =
        new RawRideFiles(spark, s3, "reference-raw", scratch.resolve("reference-raw"));
    Map<String, List<RawRide>> bad = BatchJobTest.badRows("2026-03-08");
    RawRide early = RawRide.valid("dup", "2026-03-08T06:59:00Z");
    List<RawRide> first = new ArrayList<>();
    bad.values().forEach(first::addAll);
    first.add(early);
    first.add(early.withAmounts(30.0, 6.0, 0.0, 39.5));
    first.add(
        RawRide.valid("cents", "2026-03-08T07:00:00Z")
            .withTrip(2.0, 7.0)
            .withAmounts(10.05, 1.115, 0.0, 11.2));
    first.add(RawRide.valid("free", "2026-11-01T05:30:00Z").withAmounts(0.0, 0.0, 0.0, 2.5));
    List<RawRide> second =
        List.of(
            early,
            RawRide.valid("rush", "2026-03-09T12:30:00Z").withCodes("cash", "jfk"),
            RawRide.valid("late", "2026-11-02T04:59:00Z").withZones(1, 265).withPassengers(4));
    files.write(RawRideFiles.key("2026-03-08", 0, 0), first.stream().map(RawRide::toRow).toList());
    files.write(RawRideFiles.key("2026-03-09", 1, 0), second.stream().map(RawRide::toRow).toList());

    BatchRunSummary job =
        new BatchJob(
                () -> spark,
                s3,
                new BatchStorage("reference-raw", "taxi-rides", "reference-spark"),
                SETTINGS,
                new BatchRunLock(LocalStack.shared().connections().warehouse()),
                BatchJob.Hook.NONE,
                Clock.systemUTC())
            .run(false);
    DuckDbReference.Result reference =
        new DuckDbReference(
                s3,
                new BatchStorage("reference-raw", "taxi-rides", "reference-duckdb"),
                SETTINGS.calendar())
            .run(scratch.resolve("duckdb"));

    long badCount = bad.values().stream().mapToLong(List::size).sum();
    assertThat(job.quarantined()).isEqualTo(badCount);
    assertThat(job.ridesWritten()).isEqualTo(5);
    assertThat(reference)
        .isEqualTo(new DuckDbReference.Result(job.rawRowsRead(), badCount, 5, 3 + 1 + 3));
    try (ProcessedData spark = ProcessedData.download(s3, "reference-spark");
        ProcessedData duckdb = ProcessedData.downloadAll(s3, "reference-duckdb")) {
      assertThat(duckdb.rides()).hasSize(5).isEqualTo(spark.rides());
      String quarantineKey =
          "concat_ws('|', quarantine_rule, coalesce(ride_id, '-'), source_object)";
      assertThat(duckdb.rows(ProcessedLayout.QUARANTINE, quarantineKey))
          .hasSize((int) badCount)
          .isEqualTo(spark.rows(ProcessedLayout.QUARANTINE, quarantineKey));
      for (RideAggregates aggregate : RideAggregates.ALL) {
        String key = "concat_ws('|', " + String.join(", ", aggregate.keys()) + ")";
        assertThat(duckdb.rows(aggregate.name() + "/", key))
            .as(aggregate.name())
            .isNotEmpty()
            .isEqualTo(spark.rows(aggregate.name() + "/", key));
      }
    }
  }
}
