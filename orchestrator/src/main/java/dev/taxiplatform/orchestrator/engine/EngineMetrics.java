package dev.taxiplatform.orchestrator.engine;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.orchestrator.state.RunState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The orchestrator's metrics: run and task durations, task failures and retries, and the time since
 * each pipeline's last successful run.
 */
public final class EngineMetrics {
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

  public EngineMetrics(MeterRegistry registry, Clock clock) {
    this.registry = requireNonNull(registry, "registry");
    this.clock = requireNonNull(clock, "clock");
  }

  void runFinished(String pipeline, RunState state, Duration duration, Instant now) {
    Timer.builder("taxi_orchestrator_run_duration_seconds")
        .description("Duration of pipeline runs")
        .tag("pipeline", pipeline)
        .tag("state", state.key())
        .register(registry)
        .record(duration);
    if (state == RunState.SUCCESS) {
      if (lastSuccess.put(pipeline, now) == null) {
        Gauge.builder(
                "taxi_orchestrator_seconds_since_last_success",
                lastSuccess,
                m -> Duration.between(m.get(pipeline), clock.instant()).toMillis() / 1000.0)
            .description("Seconds since the pipeline's last successful run")
            .tag("pipeline", pipeline)
            .register(registry);
      }
    }
  }

  void attemptFinished(String pipeline, String task, boolean succeeded, Duration duration) {
    Timer.builder("taxi_orchestrator_task_duration_seconds")
        .description("Duration of task attempts")
        .tag("pipeline", pipeline)
        .tag("task", task)
        .tag("state", succeeded ? "success" : "failed")
        .register(registry)
        .record(duration);
    if (!succeeded) {
      Counter.builder("taxi_orchestrator_task_failures_total")
          .description("Failed task attempts")
          .tag("pipeline", pipeline)
          .tag("task", task)
          .register(registry)
          .increment();
    }
  }

  void retried(String pipeline, String task) {
    Counter.builder("taxi_orchestrator_task_retries_total")
        .description("Task attempts that were retries")
        .tag("pipeline", pipeline)
        .tag("task", task)
        .register(registry)
        .increment();
  }
}
