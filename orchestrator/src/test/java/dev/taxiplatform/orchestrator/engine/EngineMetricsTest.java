package dev.taxiplatform.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.pipeline.PipelineLoader;
import dev.taxiplatform.orchestrator.state.PipelineHistory;
import dev.taxiplatform.orchestrator.state.RunState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the orchestrator's {@code /metrics} says before anything ran, after a restore, after runs.
 */
class EngineMetricsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path directory;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final EngineMetrics metrics =
      new EngineMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void countersOfEveryDeclaredPipelineAndTaskAreThereBeforeAnyRun() throws Exception {
    metrics.declare(List.of(pipeline()));

    assertThat(registry.scrape())
        .contains("taxi_orchestrator_runs_total{pipeline=\"every5\",state=\"failed\"} 0.0")
        .contains("taxi_orchestrator_runs_total{pipeline=\"every5\",state=\"success\"} 0.0")
        .contains("taxi_orchestrator_task_failures_total{pipeline=\"every5\",task=\"load\"} 0.0")
        .contains("taxi_orchestrator_task_retries_total{pipeline=\"every5\",task=\"load\"} 0.0")
        .contains("taxi_orchestrator_schedule_interval_seconds{pipeline=\"every5\"} 300.0")
        .doesNotContain("taxi_orchestrator_last_success_timestamp_seconds");
  }

  @Test
  void theLastSuccessAndLastRunAreRestoredFromTheHistory() throws Exception {
    metrics.declare(List.of(pipeline()));
    metrics.restore(
        List.of(
            new PipelineHistory(
                "every5",
                Optional.of(NOW.minus(Duration.ofHours(1))),
                Optional.of(NOW.minus(Duration.ofMinutes(5))),
                Optional.of(RunState.FAILED))));

    assertThat(registry.scrape())
        .contains(
            "taxi_orchestrator_last_success_timestamp_seconds{pipeline=\"every5\"} 1.7961156E9")
        .contains("taxi_orchestrator_seconds_since_last_success{pipeline=\"every5\"} 3600.0")
        .contains("taxi_orchestrator_last_run_timestamp_seconds{pipeline=\"every5\"} 1.7961189E9")
        .contains("taxi_orchestrator_last_run_failed{pipeline=\"every5\"} 1.0");
  }

  @Test
  void aSuccessfulRunCountsAndClearsTheFailure() throws Exception {
    metrics.declare(List.of(pipeline()));
    metrics.restore(
        List.of(
            new PipelineHistory(
                "every5", Optional.empty(), Optional.of(NOW), Optional.of(RunState.FAILED))));

    metrics.runFinished("every5", RunState.SUCCESS, Duration.ofSeconds(42), NOW);
    metrics.paused("every5", true);

    assertThat(registry.scrape())
        .contains("taxi_orchestrator_runs_total{pipeline=\"every5\",state=\"success\"} 1.0")
        .contains("taxi_orchestrator_last_run_failed{pipeline=\"every5\"} 0.0")
        .contains(
            "taxi_orchestrator_last_success_timestamp_seconds{pipeline=\"every5\"} 1.7961192E9")
        .contains("taxi_orchestrator_pipeline_paused{pipeline=\"every5\"} 1.0")
        .contains(
            "taxi_orchestrator_run_duration_seconds_sum{pipeline=\"every5\",state=\"success\"} 42.0");
  }

  private PipelineDefinition pipeline() throws Exception {
    Path file = directory.resolve("every5.yaml");
    Files.writeString(
        file,
        """
        pipeline: every5
        schedule: "*/5 * * * *"
        tasks:
          batch: {platform: batch}
          load: {platform: load, depends_on: batch}
        """);
    return new PipelineLoader(Set.of("batch", "load")).load(file);
  }
}
