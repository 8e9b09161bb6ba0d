package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.ride.BusinessCalendar;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event dates a run checks for rides seen before, read from the raw objects' timestamps on the
 * driver: never a date fewer than Spark's parse of every row gives.
 */
class RawEventDatesTest {
  private static final BusinessCalendar NEW_YORK =
      new BusinessCalendar(BusinessCalendar.DEFAULT_ZONE);
  private static final BusinessCalendar KOLKATA = new BusinessCalendar(ZoneId.of("Asia/Kolkata"));
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private static TestSpark local;

  @BeforeAll
  static void start() throws Exception {
    local = TestSpark.start("raw-event-dates");
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void valuesInTheSinksShapeAndOthersGiveTheDatesSparkParsesThemTo() {
    Objects objects =
        objects(
            List.of("2026-03-07T04:30:00.250Z", "not a time", "2026-02-30T10:00:00Z"),
            List.of("2026-03-07T05:10:00Z", "2026-01-05T10:00:00+01:00"),
            java.util.Arrays.asList((String) null));

    assertThat(new RawEventDates(local.spark(), NEW_YORK, 10).of(objects.paths(), objects.raw()))
        .as("23:30 EST, 00:10 EST, 04:00 EST; no date for text, 30 February or null")
        .containsExactly("2026-01-05", "2026-03-06", "2026-03-07")
        .isEqualTo(RideDatasets.eventDates(objects.raw(), NEW_YORK));
  }

  @Test
  void anHourOverLocalMidnightGivesBothDatesAndTooManyOtherShapesLeaveItToSpark() {
    Objects objects =
        objects(
            List.of("2026-03-07T18:10:00Z"), // 23:40 in Kolkata, whose midnight is at 18:30 UTC
            List.of("2026-01-05T10:00:00+01:00", "2026-01-06T10:00:00+01:00"));

    assertThat(new RawEventDates(local.spark(), KOLKATA, 10).of(objects.paths(), objects.raw()))
        .containsExactly("2026-01-05", "2026-01-06", "2026-03-07", "2026-03-08");
    assertThat(new RawEventDates(local.spark(), KOLKATA, 1).of(objects.paths(), objects.raw()))
        .as("Spark's job over the rows, exact")
        .containsExactly("2026-01-05", "2026-01-06", "2026-03-07");
  }

  @Test
  void aValueTooLongToHoldLeavesTheDatesToSpark() {
    Objects objects =
        objects(
            List.of("2026-03-07T18:10:00Z"),
            List.of(" ".repeat(150) + "2026-01-05T10:00:00Z")); // Spark trims the spaces

    assertThat(new RawEventDates(local.spark(), KOLKATA, 10).of(objects.paths(), objects.raw()))
        .as("Spark's job over the rows: no 8 March from the hour over midnight")
        .containsExactly("2026-01-05", "2026-03-07");
  }

  @Test
  void anObjectWhoseTimestampsCannotBeReadIsNamed() {
    Objects objects = objects(List.of("2026-03-07T05:10:00Z"));
    String bucket = bucket();
    new RawRideFiles(local.spark(), local.s3(), bucket, local.scratch().resolve(bucket))
        .writeBytes("damaged.parquet", "PAR1 not a parquet file PAR1".getBytes());
    List<String> paths = new ArrayList<>(objects.paths());
    paths.add("s3a://" + bucket + "/damaged.parquet");

    assertThatThrownBy(
            () -> new RawEventDates(local.spark(), NEW_YORK, 10).of(paths, objects.raw()))
        .hasMessageContaining("s3a://" + bucket + "/damaged.parquet");
  }

  /** Raw objects, one per list of timestamps, and the relation reading them. */
  private record Objects(List<String> paths, Dataset<Row> raw) {}

  @SafeVarargs
  private static Objects objects(List<String>... timestampsPerObject) {
    String bucket = bucket();
    RawRideFiles files =
        new RawRideFiles(local.spark(), local.s3(), bucket, local.scratch().resolve(bucket));
    List<String> paths = new ArrayList<>();
    int ride = 0;
    for (int i = 0; i < timestampsPerObject.length; i++) {
      List<Row> rows = new ArrayList<>();
      for (String timestamp : timestampsPerObject[i]) {
        rows.add(RawRide.valid("ride-" + ride++, timestamp).toRow());
      }
      String key = RawRideFiles.key("2026-03-07", 0, i * 100L);
      files.write(key, rows);
      paths.add("s3a://" + bucket + "/" + key);
    }
    return new Objects(paths, RideDatasets.readRaw(local.spark(), paths.toArray(String[]::new)));
  }

  private static String bucket() {
    String bucket = "raw-event-dates-" + BUCKETS.incrementAndGet();
    local.s3().createBucket(b -> b.bucket(bucket));
    return bucket;
  }
}
