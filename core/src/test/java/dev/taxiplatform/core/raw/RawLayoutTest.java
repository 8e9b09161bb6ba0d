package dev.taxiplatform.core.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RawLayoutTest {
  @Test
  void keysLieUnderTheTopicsPrefixByDay() {
    String key = RawLayout.key("nyc-rides", 2, 1234, LocalDate.of(2026, 3, 7));

    assertThat(key)
        .isEqualTo("nyc-rides/year=2026/month=03/day=07/nyc-rides+2+00000000000000001234.parquet");
    assertThat(key).startsWith(RawLayout.topicPrefix("nyc-rides"));
    assertThat(RawLayout.topicPrefix("taxi-rides")).isEqualTo("taxi-rides/");
  }
}
