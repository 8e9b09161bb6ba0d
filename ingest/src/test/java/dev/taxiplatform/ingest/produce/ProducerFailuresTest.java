package dev.taxiplatform.ingest.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerFailuresTest {
  @Test
  void timedOutSendsAreReportedAsUnknownNeverAsFailed() {
    assertThat(ProducerFailures.describe(0, 44, "taxi-rides"))
        .isEqualTo(
            "44 events have an unknown outcome: their sends timed out, and Kafka may have written"
                + " them anyway. Do not re-send them as failed (that may duplicate rides): compare"
                + " what reached taxi-rides (its end offsets) with what was sent first.")
        .doesNotContain("refused");
    assertThat(ProducerFailures.describe(3, 0, "taxi-rides"))
        .isEqualTo(
            "3 events were refused by Kafka and are not in taxi-rides; they can be sent again.");
    assertThat(ProducerFailures.describe(1_200, 5, "t"))
        .startsWith("1,200 events were refused")
        .contains(" 5 events have an unknown outcome");
  }

  @Test
  void theSummaryLineCountsUnknownOutcomesApart() {
    ProducerSummary summary =
        new ProducerSummary("t", 100, 50, 6, 44, Map.of(), 1_000, Duration.ofSeconds(1), 7, null);
    assertThat(summary.describe())
        .contains(
            "; 6 failed; 44 with unknown outcome (timed out: they may be in the topic); seed 7.");
  }
}
