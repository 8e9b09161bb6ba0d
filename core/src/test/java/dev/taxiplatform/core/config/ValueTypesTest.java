package dev.taxiplatform.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {
  @ParameterizedTest
  @CsvSource({
    "30,PT30S",
    "30s,PT30S",
    "500ms,PT0.5S",
    "5m,PT5M",
    "2h,PT2H",
    "1d,PT24H",
    "PT45S,PT45S"
  })
  void durationsAcceptUnitsAndIso(String raw, String expected) {
    assertThat(ValueTypes.duration("s").parse(raw)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "-1s", "5 parsecs", "PTxS"})
  void durationsRejectNonPositiveOrMalformed(String raw) {
    assertThatThrownBy(() -> ValueTypes.duration("s").parse(raw))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durationsFormatInTheLargestWholeUnit() {
    ValueType<Duration> type = ValueTypes.duration("s");
    assertThat(type.format(Duration.ofMinutes(3))).isEqualTo("3m");
    assertThat(type.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(type.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(type.format(Duration.ofDays(2))).isEqualTo("2d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:9092", "b1:9092,b2:9093", "10.0.0.1:9092", "[::1]:9092"})
  void hostPortListsAccepted(String raw) {
    assertThat(ValueTypes.hostPortList().parse(raw)).isEqualTo(raw);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "b1:9092,", "http://b1:9092", ""})
  void hostPortListsRejected(String raw) {
    assertThatThrownBy(() -> ValueTypes.hostPortList().parse(raw))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void editDistanceCountsSingleCharacterEdits() {
    assertThat(ConfigKeys.editDistance("kafka.prot", "kafka.port")).isEqualTo(2);
    assertThat(ConfigKeys.editDistance("abc", "abc")).isZero();
    assertThat(ConfigKeys.editDistance("", "abc")).isEqualTo(3);
  }

  @Test
  void everyKeyHasADescriptionAndAnEnvironmentVariable() {
    assertThat(ConfigKeys.ALL)
        .allSatisfy(
            key -> {
              assertThat(key.description()).isNotBlank();
              assertThat(key.environmentVariables()).isNotEmpty();
            });
  }
}
