package dev.taxiplatform.orchestrator.engine;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.time.ExecutionTime;
import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.pipeline.TaskDefinition;
import dev.taxiplatform.orchestrator.state.PipelineHistory;
import dev.taxiplatform.orchestrator.state.RunState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The orchestrator's metrics: runs and task attempts by state, their durations, retries and
 * failures, and per pipeline the time of its last success and last finished run. Counters of every
 * declared pipeline and task exist from the start (at 0), and the times are restored from the run
 * history when the engine starts, so an alert on "no success for too long" survives a restart.
 */
public final class EngineMetrics {
  private static final List<RunState> FINISHED = List.of(RunState.SUCCESS, RunState.FAILED);

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastFinished = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> lastFailed = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> paused = new ConcurrentHashMap<>();

  public EngineMetrics(MeterRegistry registry, Clock clock) {
    this.registry = requireNonNull(registry, "registry");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Registers the meters of every declared pipeline and task, so they are scraped from the start.
   */
  void declare(Collection<PipelineDefinition> pipelines) {
    for (PipelineDefinition pipeline : pipelines) {
      for (RunState state : FINISHED) {
        runs(pipeline.name(), state);
      }
      for (TaskDefinition task : pipeline.tasks()) {
        failures(pipeline.name(), task.id());
        retries(pipeline.name(), task.id());
      }
      scheduleInterval(pipeline)
          .ifPresent(
              interval ->
                  Gauge.builder(
                          "taxi_orchestrator_schedule_interval_seconds",
                          interval,
                          Duration::toSeconds)
                      .description("Time between two scheduled runs of the pipeline")
                      .tag("pipeline", pipeline.name())
                      .strongReference(true)
                      .register(registry));
    }
  }

  /** Restores each pipeline's last success and last finished run from the run history. */
  void restore(List<PipelineHistory> history) {
    for (PipelineHistory pipeline : history) {
      pipeline.lastSuccess().ifPresent(time -> succeeded(pipeline.pipeline(), time));
      if (pipeline.lastFinished().isPresent() && pipeline.lastState().isPresent()) {
        finished(pipeline.pipeline(), pipeline.lastState().get(), pipeline.lastFinished().get());
      }
    }
  }

  /** Whether a scheduled pipeline is paused (its schedule fires no runs). */
  void paused(String pipeline, boolean isPaused) {
    paused
        .computeIfAbsent(
            pipeline,
            name -> {
              AtomicInteger value = new AtomicInteger();
              Gauge.builder("taxi_orchestrator_pipeline_paused", value, AtomicInteger::get)
                  .description("1 while the pipeline's schedule is paused, else 0")
                  .tag("pipeline", name)
                  .register(registry);
              return value;
            })
        .set(isPaused ? 1 : 0);
  }

  void runFinished(String pipeline, RunState state, Duration duration, Instant now) {
    Timer.builder("taxi_orchestrator_run_duration_seconds")
        .description("Duration of pipeline runs")
        .tag("pipeline", pipeline)
        .tag("state", state.key())
        .register(registry)
        .record(duration);
    runs(pipeline, state).increment();
    if (state == RunState.SUCCESS) {
      succeeded(pipeline, now);
    }
    finished(pipeline, state, now);
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
      failures(pipeline, task).increment();
    }
  }

  void retried(String pipeline, String task) {
    retries(pipeline, task).increment();
  }

  private void succeeded(String pipeline, Instant time) {
    if (lastSuccess.put(pipeline, time) == null) {
      Gauge.builder(
              "taxi_orchestrator_last_success_timestamp_seconds",
              lastSuccess,
              m -> m.get(pipeline).toEpochMilli() / 1000.0)
          .description("When the pipeline's last successful run ended (Unix time)")
          .tag("pipeline", pipeline)
          .register(registry);
      Gauge.builder(
              "taxi_orchestrator_seconds_since_last_success",
              lastSuccess,
              m -> Duration.between(m.get(pipeline), clock.instant()).toMillis() / 1000.0)
          .description("Seconds since the pipeline's last successful run")
          .tag("pipeline", pipeline)
          .register(registry);
    }
  }

  private void finished(String pipeline, RunState state, Instant time) {
    if (lastFinished.put(pipeline, time) == null) {
      Gauge.builder(
              "taxi_orchestrator_last_run_timestamp_seconds",
              lastFinished,
              m -> m.get(pipeline).toEpochMilli() / 1000.0)
          .description("When the pipeline's last finished run ended (Unix time)")
          .tag("pipeline", pipeline)
          .register(registry);
    }
    lastFailed
        .computeIfAbsent(
            pipeline,
            name -> {
              AtomicInteger value = new AtomicInteger();
              Gauge.builder("taxi_orchestrator_last_run_failed", value, AtomicInteger::get)
                  .description("1 when the pipeline's last finished run failed, else 0")
                  .tag("pipeline", name)
                  .register(registry);
              return value;
            })
        .set(state == RunState.FAILED ? 1 : 0);
  }

  private Counter runs(String pipeline, RunState state) {
    return Counter.builder("taxi_orchestrator_runs_total")
        .description("Finished pipeline runs, by state")
        .tag("pipeline", pipeline)
        .tag("state", state.key())
        .register(registry);
  }

  private Counter failures(String pipeline, String task) {
    return Counter.builder("taxi_orchestrator_task_failures_total")
        .description("Failed task attempts")
        .tag("pipeline", pipeline)
        .tag("task", task)
        .register(registry);
  }

  private Counter retries(String pipeline, String task) {
    return Counter.builder("taxi_orchestrator_task_retries_total")
        .description("Task attempts that were retries")
        .tag("pipeline", pipeline)
        .tag("task", task)
        .register(registry);
  }

  /** The time between two consecutive schedule times after now (empty without a schedule). */
  private Optional<Duration> scheduleInterval(PipelineDefinition pipeline) {
    if (pipeline.schedule().isEmpty()) {
      return Optional.empty();
    }
    ExecutionTime schedule = ExecutionTime.forCron(pipeline.schedule().get());
    ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
    return schedule
        .nextExecution(now)
        .flatMap(
            first -> schedule.nextExecution(first).map(second -> Duration.between(first, second)));
  }
}
