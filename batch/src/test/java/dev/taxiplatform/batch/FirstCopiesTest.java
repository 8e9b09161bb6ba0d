package dev.taxiplatform.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.ride.BusinessCalendar;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deduplication of a run's rides ({@link RideDatasets#firstCopies}): the first copy of each
 * ride of a date, unless an earlier run wrote the ride for that date, whether the earlier rides are
 * broadcast (few) or shuffled by ride (many), and the rides of a date end in one partition either
 * way (one file per date), named after the deduplication; a large run's dates spread evenly.
 */
class FirstCopiesTest {
  private static final BusinessCalendar CALENDAR =
      new BusinessCalendar(BusinessCalendar.DEFAULT_ZONE);

  private static final String AUTO_BROADCAST = "spark.sql.autoBroadcastJoinThreshold";

  private static TestSpark spark;

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.start("first-copies");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @ParameterizedTest(name = "prior rides broadcast: {0}, spread by ride: {1}")
  @CsvSource({"true, false", "false, false", "true, true", "false, true"})
  void keepsTheFirstCopyOfEachRideNotWrittenBeforeOnItsDate(
      boolean broadcastPrior, boolean spreadByRide) {
    Dataset<Row> newRides =
        RideEnrichment.enrich(
            spark
                .spark()
                .sql(
                    classified(
                        // Two copies at the same instant: the one of the first object wins.
                        row("ride-a", "2026-03-02 14:00:00", "raw/2", 2),
                        row("ride-a", "2026-03-02 14:00:00", "raw/1", 1),
                        // Two copies: the earlier event wins over the first object.
                        row("ride-b", "2026-03-02 15:00:05", "raw/1", 1),
                        row("ride-b", "2026-03-02 15:00:00", "raw/3", 3),
                        // Written by an earlier run for its date: dropped.
                        row("ride-c", "2026-03-02 16:00:00", "raw/1", 1),
                        // The same id on another date, which no earlier run wrote: kept.
                        row("ride-c", "2026-03-03 16:00:00", "raw/2", 2),
                        row("ride-d", "2026-03-03 17:00:00", "raw/3", 3))),
            CALENDAR);
    Dataset<Row> prior =
        spark
            .spark()
            .sql(
                "SELECT * FROM VALUES ('ride-c', DATE '2026-03-02'), ('ride-x', DATE '2026-03-03')"
                    + " AS prior(ride_id, event_date)");
    Observation written = new Observation("written");
    // Spark would broadcast rides this few by itself: the shuffled case must shuffle.
    spark.spark().conf().set(AUTO_BROADCAST, broadcastPrior ? "10MB" : "-1");

    Dataset<Row> rides =
        RideDatasets.firstCopies(newRides, prior, broadcastPrior, 4, spreadByRide, written);

    // One job computes them, as the job's write or keeping does: an ordering here would run them
    // twice (its sampling job too) and count them twice.
    assertThat(
            rides
                .selectExpr("ride_id", "CAST(event_date AS STRING)", "passenger_count")
                .collectAsList()
                .stream()
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
                .sorted()
                .toList())
        .containsExactly(
            "ride-a 2026-03-02 1",
            "ride-b 2026-03-02 3",
            "ride-c 2026-03-03 2",
            "ride-d 2026-03-03 3");
    assertThat(
            rides
                .selectExpr(
                    "pickup_zone_name", "pickup_borough", "dropoff_zone_name", "dropoff_borough")
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> r.mkString("|"))
                .toList())
        .as("the zones' names, looked up by id after the deduplication")
        .containsExactly("Midtown Center|Manhattan|Upper East Side North|Manhattan");
    assertThat(rides.columns()).containsExactlyElementsOf(RideEnrichment.COLUMNS);
    assertThat(observedRows(written)).isEqualTo(4L);
    Dataset<Row> toWrite = spreadByRide ? RideDatasets.byDate(rides, 4) : rides;
    assertThat(
            toWrite
                .select(col("event_date").cast("string"), spark_partition_id().as("partition"))
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .sorted()
                .toList())
        .as("the dates of each partition holding rides, as the rides write gets them")
        .containsExactly("2026-03-02", "2026-03-03");
  }

  @Test
  void aLargeRunsDatesFillThePartitionsInTurnEachDateInOne() {
    Dataset<Row> rides =
        spark
            .spark()
            .sql(
                "SELECT date_add(DATE '2026-03-01', CAST(id % 30 AS INT)) AS event_date"
                    + " FROM range(3000)");

    Map<Integer, Long> datesByPartition = new TreeMap<>();
    Map<String, Long> partitionsByDate = new TreeMap<>();
    for (Row row :
        RideDatasets.byDateSlot(rides, 8)
            .select(col("event_date").cast("string"), spark_partition_id())
            .distinct()
            .collectAsList()) {
      datesByPartition.merge(row.getInt(1), 1L, Long::sum);
      partitionsByDate.merge(row.getString(0), 1L, Long::sum);
    }

    assertThat(partitionsByDate).hasSize(30).allSatisfy((date, n) -> assertThat(n).isOne());
    // 30 consecutive dates over 8 partitions: 4 in six of them, 3 in two (hashed: 1 to 6).
    assertThat(datesByPartition.values()).containsExactlyInAnyOrder(4L, 4L, 4L, 4L, 4L, 4L, 3L, 3L);
  }

  private static long observedRows(Observation observation) {
    try {
      return ((Number) observation.getAsJava().get("rows")).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A copy of a ride, told from the others by its passenger count. */
  private static String row(
      String rideId, String utcTimestamp, String sourceObject, int passengers) {
    return ("('%s', CAST('%s' AS TIMESTAMP), 161, 236, %d, CAST(2.5 AS DOUBLE),"
            + " CAST(12.0 AS DOUBLE), 'credit_card', 'standard', CAST(12.5 AS DOUBLE),"
            + " CAST(2.0 AS DOUBLE), CAST(0.0 AS DOUBLE), CAST(14.5 AS DOUBLE), '%s')")
        .formatted(rideId, utcTimestamp, passengers, sourceObject);
  }

  /** Valid classified raw rows, as {@link RideEnrichment#enrich} takes them. */
  private static String classified(String... rows) {
    return ClassifiedRows.sql(String.join(",\n", rows));
  }
}
