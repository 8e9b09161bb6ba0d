package dev.taxiplatform.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.component.PlatformHome;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code platform bench-freshness} end to end, short: its own stack, one cycle of the continuous
 * pipeline every 10 seconds, a low rate. Checks the report's shape and that every sampled ride
 * reached the marts, not how fast.
 */
class FreshnessBenchSmokeTest {
  @Test
  void everySampledRideReachesTheMartsAndTheReportHasItsFigures(@TempDir Path dataDir)
      throws Exception {
    Path output = dataDir.resolve("bench.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                PlatformHome.locate().resolve("platform").toString(),
                "bench-freshness",
                "--data-dir",
                dataDir.toString(),
                "--rate",
                "200",
                "--cycles",
                "1",
                "--sample-every",
                "50",
                "--schedule",
                "*/10 * * * * *",
                "--timeout",
                "5",
                "--set",
                "sink.flush-interval=2s")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("PLATFORM_SKIP_BUILD", "1");
    Process bench = builder.start();
    boolean finished = bench.waitFor(12, TimeUnit.MINUTES);
    if (!finished) {
      bench.destroy();
      bench.waitFor(60, TimeUnit.SECONDS);
    }
    String printed = Files.readString(output);
    assertThat(finished).as(printed).isTrue();
    assertThat(bench.exitValue()).as(printed).isZero();
    assertThat(printed)
        .contains("batch step on a warm batch service")
        .containsPattern("Batch service warm after [0-9.]+ s\\.")
        .contains("Cycles of the continuous pipeline")
        .contains("SPARK_PROCESSING")
        .contains("LOAD_STAGING")
        .contains("DBT_BUILD")
        .contains("event_to_marts_p99");

    JsonNode report =
        new ObjectMapper().readTree(dataDir.resolve("bench-results/freshness.json").toFile());
    assertThat(report.path("name").asText()).isEqualTo("freshness");
    Map<String, JsonNode> figures = new LinkedHashMap<>();
    report.path("results").forEach(result -> figures.put(result.path("metric").asText(), result));
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
    long sampled = figures.get("rides_sampled").path("value").asLong();
    assertThat(sampled).isPositive();
    assertThat(figures.get("rides_seen_in_marts").path("value").asLong()).isEqualTo(sampled);
    assertThat(figures.get("cycles").path("value").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(figures.get("event_to_marts_p99").path("reference_metric").asText())
        .isEqualTo("seed_manual_run");
    assertThat(figures.get("event_to_marts_p99").path("reference_value").asDouble())
        .isEqualTo(180.0);
    assertThat(dataDir.resolve("bench-freshness")).doesNotExist();
    assertThat(dataDir.resolve("bench-freshness-pipelines")).doesNotExist();
  }
}
