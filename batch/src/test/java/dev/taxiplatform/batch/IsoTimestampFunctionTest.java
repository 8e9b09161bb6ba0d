package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code iso_timestamp(text)} ({@link IsoTimestampFunction}): the sink's shape read directly, every
 * value the same instant, or null, as Spark's {@code try_to_timestamp}.
 */
class IsoTimestampFunctionTest {
  private static final List<String> TEXTS =
      List.of(
          "2026-11-24T08:15:30Z",
          "2026-11-24T08:15:30.250Z",
          "2026-11-24T08:15:30.250123Z",
          "2024-02-29T23:59:59.999999Z",
          "1999-12-31T23:59:59Z",
          "0001-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999Z",
          // The sink's length and separators, not a real date or time: try_to_timestamp decides.
          "2023-02-29T10:00:00Z",
          "2026-13-01T10:00:00Z",
          "2026-00-10T10:00:00Z",
          "2026-04-31T10:00:00Z",
          "2026-11-24T24:00:00Z",
          "2026-11-24T23:60:00Z",
          "2026-11-24T23:59:60Z",
          "2026-11-2xT08:15:30Z",
          "2026-11-24T08:15:30.2a0Z",
          "2026-11-24T08:15:30+1Z",
          // Other shapes: try_to_timestamp's own.
          "2026-11-24T08:15:30.2Z",
          "2026-11-24T08:15:30.123456789Z",
          "2026-11-24T08:15:30.1234567Z",
          "2026-11-24T08:15:30z",
          "2026-11-24 08:15:30Z",
          "2026-11-24T08:15:30+01:00",
          "2026-11-24T08:15:30",
          "2026-11-24",
          " 2026-11-24T08:15:30Z",
          "2026-11-24T08:15:30Z ",
          "+12026-11-24T08:15:30Z",
          "",
          "not a time");

  private static TestSpark spark;

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.start("iso-timestamp");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void everyTextGivesTheInstantOrNullThatTryToTimestampGives() {
    String values =
        TEXTS.stream()
                .map(t -> "('" + t.replace("'", "''") + "')")
                .collect(Collectors.joining(", "))
            + ", (CAST(NULL AS STRING))";
    List<Row> rows =
        spark
            .spark()
            .sql(
                "SELECT text, iso_timestamp(text) AS ours, try_to_timestamp(text) AS spark"
                    + " FROM VALUES "
                    + values
                    + " AS t(text)")
            .collectAsList();

    assertThat(rows).hasSize(TEXTS.size() + 1);
    assertThat(rows)
        .allSatisfy(
            r -> assertThat(r.get(1)).as("iso_timestamp(%s)", r.get(0)).isEqualTo(r.get(2)));
    assertThat(rows.stream().filter(r -> r.get(2) != null).count())
        .as("values that parse, among them all of the sink's shape")
        .isEqualTo(17);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-24T08:15:30Z",
        "2026-11-24T08:15:30.250Z",
        "2026-11-24T08:15:30.250123Z",
        "2024-02-29T23:59:59.999999Z",
        "0001-01-01T00:00:00Z"
      })
  void readsTheSinksShapeDirectlyToItsInstant(String text) {
    UTF8String value = UTF8String.fromString(text);

    assertThat(IsoTimestampFunction.inSinkShape(value)).isTrue();
    assertThat(IsoTimestampFunction.utcMicros(value)).isEqualTo(micros(Instant.parse(text)));
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29T10:00:00Z",
        "2026-11-24T24:00:00Z",
        "2026-11-24T23:59:60Z",
        "2026-11-24T08:15:30.2a0Z",
        "2026-11-24T08:15:30.2Z",
        "2026-11-24T08:15:30+01:00",
        "2026-11-24 08:15:30Z",
        ""
      })
  void leavesEveryOtherTextToTryToTimestamp(String text) {
    assertThat(IsoTimestampFunction.inSinkShape(UTF8String.fromString(text))).isFalse();
  }
}
