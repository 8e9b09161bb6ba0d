package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark's synthetic rides: a stream's increments follow each other in time. */
class SyntheticRidesTest {
  private static TestSpark spark;

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.start("synthetic-rides");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void aStreamIncrementIsTheStretchOfTimeAfterThePreviousOne() {
    Row row =
        SyntheticRides.stream(spark.spark(), 100_000, 1_000, 2_000)
            .selectExpr(
                "count(*)",
                "count(DISTINCT ride_id)",
                "count_if(event_timestamp = 'not a time')",
                "min(CASE WHEN event_timestamp <> 'not a time' THEN event_timestamp END)",
                "max(CASE WHEN event_timestamp <> 'not a time' THEN event_timestamp END)",
                "collect_set(raw_date)")
            .head();

    assertThat(row.getLong(0)).isEqualTo(1_000);
    assertThat(row.getLong(1)).as("2% re-deliveries").isEqualTo(980);
    assertThat(row.getLong(2)).as("bad timestamps, chosen by hash: about 1%").isEqualTo(11);
    assertThat(row.getString(3))
        .as("ride 100,000 at 2,000/s")
        .isEqualTo("2026-01-01T00:00:50.000Z");
    assertThat(row.getString(4)).isEqualTo("2026-01-01T00:00:50.499Z");
    assertThat(row.getList(5)).containsExactly("2026-01-01");
  }
}
