package dev.taxiplatform.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.bench.BenchReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreshnessReportTest {
  private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void percentilesOfTheSeenRidesAgainstTheSeedsManualRun() {
    List<SampledRide> samples = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      Instant published = T0.plusSeconds(i);
      samples.add(SampledRide.published("r" + i, published).seenAt(published.plusSeconds(i)));
    }
    samples.add(SampledRide.published("never", T0));
    FreshnessReport report = new FreshnessReport(samples, List.of(cycle(7, 40, 30)), 1999.5);

    assertThat(report.unseen()).extracting(SampledRide::rideId).containsExactly("never");
    Map<String, BenchReport.Result> figures = byMetric(report.figures());
    assertThat(figures.keySet())
        .containsExactly(
            "event_to_marts_p50",
            "event_to_marts_p99",
            "event_to_marts_max",
            "rides_sampled",
            "rides_seen_in_marts",
            "publish_rate",
            "cycles",
            "cycle_mean");
    assertThat(figures.get("event_to_marts_p50").value()).isEqualTo(50.0);
    assertThat(figures.get("event_to_marts_p99").value()).isEqualTo(99.0);
    assertThat(figures.get("event_to_marts_p99").referenceMetric()).isEqualTo("seed_manual_run");
    assertThat(figures.get("event_to_marts_p99").referenceValue()).isEqualTo(180.0);
    assertThat(figures.get("event_to_marts_p99").ratio()).isEqualTo(99.0 / 180.0);
    assertThat(figures.get("event_to_marts_max").value()).isEqualTo(100.0);
    assertThat(figures.get("rides_sampled").value()).isEqualTo(101.0);
    assertThat(figures.get("rides_seen_in_marts").value()).isEqualTo(100.0);
    assertThat(figures.get("publish_rate").value()).isEqualTo(1999.5);
    assertThat(figures.get("cycles").value()).isEqualTo(1.0);
    assertThat(figures.get("cycle_mean").value()).isEqualTo(80.0);
  }

  @Test
  void withoutVisibleRidesThereAreNoPercentiles() {
    FreshnessReport report =
        new FreshnessReport(List.of(SampledRide.published("a", T0)), List.of(), 10);
    assertThat(byMetric(report.figures()).keySet())
        .containsExactly("rides_sampled", "rides_seen_in_marts", "publish_rate", "cycles");
  }

  @Test
  void cycleTableHasOneColumnPerTaskAndOneRowPerRun() {
    FreshnessReport report =
        new FreshnessReport(List.of(), List.of(cycle(3, 30, 12), cycle(4, 25, 10)), 0);
    assertThat(report.cycleTable().lines().toList())
        .hasSize(3)
        .satisfies(
            lines -> {
              assertThat(lines.get(0).strip().split("\\s+"))
                  .containsExactly(
                      "RUN", "STATE", "TOTAL", "SPARK_PROCESSING", "LOAD_STAGING", "DBT_BUILD");
              assertThat(lines.get(1).strip().split("\\s{2,}"))
                  .containsExactly("#3", "success", "52.0 s", "30.0 s", "10.0 s", "12.0 s");
              assertThat(lines.get(2).strip().split("\\s{2,}"))
                  .containsExactly("#4", "success", "45.0 s", "25.0 s", "10.0 s", "10.0 s");
            });
  }

  private static CycleTimes cycle(long runId, long sparkSeconds, long buildSeconds) {
    Map<String, Duration> tasks = new LinkedHashMap<>();
    tasks.put("spark_processing", Duration.ofSeconds(sparkSeconds));
    tasks.put("load_staging", Duration.ofSeconds(10));
    tasks.put("dbt_build", Duration.ofSeconds(buildSeconds));
    return new CycleTimes(
        runId, "success", Duration.ofSeconds(sparkSeconds + 10 + buildSeconds), tasks);
  }

  private static Map<String, BenchReport.Result> byMetric(BenchReport report) {
    Map<String, BenchReport.Result> figures = new LinkedHashMap<>();
    report.results().forEach(result -> figures.put(result.metric(), result));
    return figures;
  }
}
