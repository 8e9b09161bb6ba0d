package dev.taxiplatform.orchestrator.engine;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.time.ExecutionTime;
import dev.taxiplatform.orchestrator.executor.RunningTask;
import dev.taxiplatform.orchestrator.executor.TaskLaunch;
import dev.taxiplatform.orchestrator.executor.TaskRunner;
import dev.taxiplatform.orchestrator.executor.TaskRunners;
import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.pipeline.TaskDefinition;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.RunState;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import dev.taxiplatform.orchestrator.state.TaskInstance;
import dev.taxiplatform.orchestrator.state.TaskState;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pipelines: fires cron schedules, starts queued runs within {@code max_active_runs}, starts
 * each task when its trigger rule holds, retries failed attempts with exponential backoff, kills
 * attempts that pass their timeout, and settles runs. One thread drives it, one {@link #tick()} at
 * a time; attempts run concurrently. State lives in the {@link OrchestratorStore}, so a restarted
 * engine picks up where the last one stopped ({@link #recover()}).
 */
public final class PipelineEngine {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

  private final Map<String, PipelineDefinition> pipelines;
  private final OrchestratorStore store;
  private final TaskRunners runners;
  private final AttemptLogs logs;
  private final Clock clock;
  private final String instanceId;
  private final EngineMetrics metrics;
  private final TransformSummaryPush transformSummaries;
  private final Instant startedAt;
  private final Map<AttemptKey, Running> running = new ConcurrentHashMap<>();

  public PipelineEngine(
      Map<String, PipelineDefinition> pipelines,
      OrchestratorStore store,
      TaskRunners runners,
      AttemptLogs logs,
      Clock clock,
      String instanceId,
      EngineMetrics metrics,
      TransformSummaryPush transformSummaries) {
    this.pipelines = Map.copyOf(pipelines);
    this.store = requireNonNull(store, "store");
    this.runners = requireNonNull(runners, "runners");
    this.logs = requireNonNull(logs, "logs");
    this.clock = requireNonNull(clock, "clock");
    this.instanceId = requireNonNull(instanceId, "instanceId");
    this.metrics = requireNonNull(metrics, "metrics");
    this.transformSummaries = requireNonNull(transformSummaries, "transformSummaries");
    this.startedAt = clock.instant();
    metrics.declare(this.pipelines.values());
  }

  public Map<String, PipelineDefinition> pipelines() {
    return pipelines;
  }

  /** Queues a manual run of a pipeline. */
  public PipelineRun trigger(String pipeline) throws SQLException {
    return trigger(pipelines, store, pipeline, clock.instant());
  }

  /** Queues a manual run through any store (used by commands that do not run the engine). */
  public static PipelineRun trigger(
      Map<String, PipelineDefinition> pipelines,
      OrchestratorStore store,
      String pipeline,
      Instant now)
      throws SQLException {
    requirePipeline(pipelines, pipeline);
    for (int attempt = 0; ; attempt++) {
      Instant logicalDate = now.plusMillis(attempt);
      Optional<PipelineRun> run =
          store.createRun(pipeline, "manual__" + logicalDate, "manual", logicalDate);
      if (run.isPresent()) {
        return run.get();
      }
    }
  }

  /** Queues one run per schedule time in {@code [from, to]} (a pipeline with a schedule). */
  public static List<PipelineRun> backfill(
      Map<String, PipelineDefinition> pipelines,
      OrchestratorStore store,
      String pipeline,
      Instant from,
      Instant to)
      throws SQLException {
    PipelineDefinition definition = requirePipeline(pipelines, pipeline);
    ExecutionTime schedule =
        ExecutionTime.forCron(
            definition
                .schedule()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "Pipeline %s has no schedule: backfill needs schedule times."
                                .formatted(pipeline))));
    List<PipelineRun> runs = new ArrayList<>();
    ZonedDateTime time = from.atZone(ZoneOffset.UTC).minusNanos(1);
    while (true) {
      Optional<ZonedDateTime> next = schedule.nextExecution(time);
      if (next.isEmpty() || next.get().toInstant().isAfter(to)) {
        return runs;
      }
      time = next.get();
      Instant logicalDate = time.toInstant();
      store
          .createRun(pipeline, "backfill__" + logicalDate, "backfill", logicalDate)
          .ifPresent(runs::add);
    }
  }

  /**
   * Settles attempts left running by an orchestrator that stopped: kills their processes if they
   * still run (so a task never runs twice at once), marks them failed, and retries them per their
   * task's policy. Restores the metrics kept in the run history (last success, last run).
   */
  public void recover() throws SQLException {
    metrics.restore(store.pipelineHistory());
    for (TaskAttempt attempt : store.runningAttempts()) {
      if (running.containsKey(
          new AttemptKey(attempt.runId(), attempt.taskId(), attempt.attempt()))) {
        continue;
      }
      OrphanProcesses.stop(attempt);
      PipelineRun run = store.run(attempt.runId()).orElseThrow();
      PipelineDefinition pipeline = pipelines.get(run.pipeline());
      Optional<Instant> retryAt =
          pipeline == null
              ? Optional.empty()
              : retryAt(pipeline.task(attempt.taskId()), attempt.attempt());
      String message =
          "interrupted: the orchestrator running it stopped (instance %s)"
              .formatted(attempt.owner());
      store.finishAttempt(
          attempt.runId(),
          attempt.taskId(),
          attempt.attempt(),
          false,
          Optional.empty(),
          message,
          retryAt,
          clock.instant());
      LOG.warn(
          "Run {} task {} attempt {} was interrupted; {}",
          attempt.runId(),
          attempt.taskId(),
          attempt.attempt(),
          retryAt.map(t -> "retrying at " + t).orElse("no retries left"));
    }
  }

  /** One step: schedule, start queued runs, advance running ones. */
  public synchronized void tick() throws SQLException {
    Instant now = clock.instant();
    fireSchedules(now);
    startQueuedRuns(now);
    for (PipelineRun run : store.runsInState(RunState.RUNNING)) {
      PipelineDefinition pipeline = pipelines.get(run.pipeline());
      if (pipeline != null) {
        advance(pipeline, run, now);
      }
    }
  }

  /** Kills the attempts this engine runs, without settling them (tests, emergencies). */
  public void killRunning() {
    running.values().forEach(r -> r.task().kill());
  }

  /**
   * Stops the attempts this engine runs (on shutdown) and settles them as interrupted: each is
   * retried per its task's policy by the next engine.
   */
  public synchronized void stopAll() throws SQLException {
    running.values().forEach(r -> r.task().kill());
    running.clear();
    recover();
  }

  /** True when no attempt is running in this engine. */
  public boolean idle() {
    return running.isEmpty();
  }

  private void fireSchedules(Instant now) throws SQLException {
    Set<String> waiting =
        store.runsInState(RunState.QUEUED).stream()
            .map(PipelineRun::pipeline)
            .collect(Collectors.toSet());
    for (PipelineDefinition pipeline : pipelines.values()) {
      if (pipeline.schedule().isEmpty()) {
        continue;
      }
      // Without catchup, a run already waiting covers every later schedule time: it processes
      // what arrived until it starts. Queuing more would only pile up runs behind a slow one.
      if (!pipeline.catchup() && waiting.contains(pipeline.name())) {
        continue;
      }
      boolean paused = store.isPaused(pipeline.name(), pipeline.pausedInitially());
      metrics.paused(pipeline.name(), paused);
      if (paused) {
        continue;
      }
      ExecutionTime schedule = ExecutionTime.forCron(pipeline.schedule().get());
      Optional<Instant> latest = store.latestScheduledDate(pipeline.name());
      List<Instant> due = new ArrayList<>();
      ZonedDateTime cursor = now.atZone(ZoneOffset.UTC);
      while (true) {
        Optional<ZonedDateTime> previous = schedule.lastExecution(cursor);
        if (previous.isEmpty()) {
          break;
        }
        Instant time = previous.get().toInstant();
        boolean alreadyRun = latest.isPresent() && !time.isAfter(latest.get());
        boolean beforeFirstStart = latest.isEmpty() && time.isBefore(startedAt);
        if (alreadyRun || beforeFirstStart) {
          break;
        }
        due.add(0, time);
        if (!pipeline.catchup()) {
          break;
        }
        cursor = previous.get().minusNanos(1);
      }
      for (Instant time : due) {
        store
            .createRun(pipeline.name(), "scheduled__" + time, "schedule", time)
            .ifPresent(
                run -> LOG.info("Scheduled run {} of {} for {}", run.id(), pipeline.name(), time));
      }
    }
  }

  private void startQueuedRuns(Instant now) throws SQLException {
    Map<String, Long> active =
        store.runsInState(RunState.RUNNING).stream()
            .collect(Collectors.groupingBy(PipelineRun::pipeline, Collectors.counting()));
    for (PipelineRun run : store.runsInState(RunState.QUEUED)) {
      PipelineDefinition pipeline = pipelines.get(run.pipeline());
      if (pipeline == null) {
        continue;
      }
      long activeRuns = active.getOrDefault(run.pipeline(), 0L);
      if (activeRuns >= pipeline.maxActiveRuns()) {
        continue;
      }
      store.startRun(
          run.id(),
          pipeline.tasks().stream()
              .map(t -> new OrchestratorStore.TaskSlot(t.id(), t.maxAttempts()))
              .toList(),
          now);
      active.put(run.pipeline(), activeRuns + 1);
      LOG.info("Started run {} of {}", run.id(), run.pipeline());
    }
  }

  private void advance(PipelineDefinition pipeline, PipelineRun run, Instant now)
      throws SQLException {
    collectFinishedAttempts(pipeline, run, now);
    Map<String, TaskInstance> instances = byTask(store.taskInstances(run.id()));
    for (TaskDefinition task : pipeline.tasks()) {
      TaskInstance instance = instances.get(task.id());
      if (instance == null) {
        continue;
      }
      boolean waiting = instance.state() == TaskState.NONE;
      boolean retryDue =
          instance.state() == TaskState.UP_FOR_RETRY
              && instance.nextAttemptAt().map(t -> !t.isAfter(now)).orElse(true);
      if (!waiting && !retryDue) {
        continue;
      }
      if (retryDue) {
        launch(pipeline, run, task, instance.tryNumber() + 1, now);
        continue;
      }
      List<TaskState> upstream =
          task.dependsOn().stream().map(id -> instances.get(id).state()).toList();
      switch (TriggerEvaluation.decide(task.triggerRule(), upstream)) {
        case RUN -> launch(pipeline, run, task, instance.tryNumber() + 1, now);
        case UPSTREAM_FAILED -> settle(run, task, TaskState.UPSTREAM_FAILED, instances, now);
        case SKIP -> settle(run, task, TaskState.SKIPPED, instances, now);
        case WAIT -> {}
      }
    }
    settleRunIfFinished(pipeline, run, byTask(store.taskInstances(run.id())), now);
  }

  private void settle(
      PipelineRun run,
      TaskDefinition task,
      TaskState state,
      Map<String, TaskInstance> instances,
      Instant now)
      throws SQLException {
    store.settleTask(run.id(), task.id(), state, now);
    TaskInstance old = instances.get(task.id());
    instances.put(
        task.id(),
        new TaskInstance(
            old.runId(),
            old.taskId(),
            state,
            old.tryNumber(),
            old.maxAttempts(),
            Optional.empty(),
            old.startedAt(),
            Optional.of(now)));
  }

  private void launch(
      PipelineDefinition pipeline, PipelineRun run, TaskDefinition task, int attempt, Instant now)
      throws SQLException {
    TaskRunner runner = runners.forSpec(task.spec());
    TaskLaunch launch =
        new TaskLaunch(
            pipeline,
            run,
            task,
            attempt,
            logs.attempt(pipeline.name(), run.id(), task.id(), attempt));
    store.startAttempt(
        run.id(), task.id(), attempt, runner.name(), launch.logFile().toString(), instanceId, now);
    if (attempt > 1) {
      metrics.retried(pipeline.name(), task.id());
    }
    LOG.info("Run {} task {}: attempt {} ({})", run.id(), task.id(), attempt, task.spec().type());
    try {
      RunningTask started = runner.start(launch);
      if (started.processId() > 0) {
        store.recordProcess(run.id(), task.id(), attempt, started.processId());
      }
      running.put(
          new AttemptKey(run.id(), task.id(), attempt), new Running(started, now, task.timeout()));
    } catch (Exception e) {
      finish(
          pipeline,
          run,
          task,
          attempt,
          false,
          Optional.empty(),
          "could not start: " + e.getMessage(),
          now,
          now);
    }
  }

  private void collectFinishedAttempts(PipelineDefinition pipeline, PipelineRun run, Instant now)
      throws SQLException {
    for (Map.Entry<AttemptKey, Running> entry : new HashMap<>(running).entrySet()) {
      AttemptKey key = entry.getKey();
      if (key.runId() != run.id()) {
        continue;
      }
      Running attempt = entry.getValue();
      TaskDefinition task = pipeline.task(key.taskId());
      Optional<Integer> exit = attempt.task().exitCode();
      if (exit.isPresent()) {
        running.remove(key);
        boolean succeeded = exit.get() == 0;
        String detail = attempt.task().failureDetail();
        String message =
            succeeded ? "" : "exit code " + exit.get() + (detail.isEmpty() ? "" : ": " + detail);
        finish(
            pipeline, run, task, key.attempt(), succeeded, exit, message, attempt.startedAt(), now);
      } else if (Duration.between(attempt.startedAt(), now).compareTo(attempt.timeout()) > 0) {
        attempt.task().kill();
        running.remove(key);
        finish(
            pipeline,
            run,
            task,
            key.attempt(),
            false,
            attempt.task().exitCode(),
            "timed out after %s: killed".formatted(task.timeout()),
            attempt.startedAt(),
            now);
      }
    }
  }

  private void finish(
      PipelineDefinition pipeline,
      PipelineRun run,
      TaskDefinition task,
      int attempt,
      boolean succeeded,
      Optional<Integer> exitCode,
      String message,
      Instant attemptStarted,
      Instant now)
      throws SQLException {
    Optional<Instant> retryAt = succeeded ? Optional.empty() : retryAt(task, attempt);
    store.finishAttempt(run.id(), task.id(), attempt, succeeded, exitCode, message, retryAt, now);
    metrics.attemptFinished(
        pipeline.name(), task.id(), succeeded, Duration.between(attemptStarted, now));
    transformSummaries.attemptFinished(
        task,
        logs.attempt(pipeline.name(), run.id(), task.id(), attempt),
        succeeded,
        Duration.between(attemptStarted, now));
    LOG.info(
        "Run {} task {} attempt {}: {}{}",
        run.id(),
        task.id(),
        attempt,
        succeeded ? "success" : "failed (" + message + ")",
        retryAt.map(t -> ", retry at " + t).orElse(""));
  }

  private Optional<Instant> retryAt(TaskDefinition task, int attempt) {
    if (attempt >= task.maxAttempts()) {
      return Optional.empty();
    }
    return Optional.of(clock.instant().plus(task.delayBeforeRetry(attempt)));
  }

  private void settleRunIfFinished(
      PipelineDefinition pipeline,
      PipelineRun run,
      Map<String, TaskInstance> instances,
      Instant now)
      throws SQLException {
    if (!instances.values().stream().allMatch(i -> i.state().finished())) {
      return;
    }
    boolean failed =
        pipeline.tasks().stream()
            .filter(t -> pipeline.graph().downstreamOf(t.id()).isEmpty())
            .anyMatch(t -> instances.get(t.id()).state().failedLike());
    RunState state = failed ? RunState.FAILED : RunState.SUCCESS;
    store.finishRun(run.id(), state, now);
    metrics.runFinished(
        pipeline.name(), state, Duration.between(run.startedAt().orElse(now), now), now);
    LOG.info("Run {} of {}: {}", run.id(), pipeline.name(), state.key());
  }

  private static Map<String, TaskInstance> byTask(List<TaskInstance> instances) {
    return instances.stream()
        .collect(
            Collectors.toMap(TaskInstance::taskId, Function.identity(), (a, b) -> a, HashMap::new));
  }

  private static PipelineDefinition requirePipeline(
      Map<String, PipelineDefinition> pipelines, String name) {
    PipelineDefinition pipeline = pipelines.get(name);
    if (pipeline == null) {
      throw new IllegalArgumentException(
          "No pipeline \"%s\"; known: %s"
              .formatted(name, String.join(", ", pipelines.keySet().stream().sorted().toList())));
    }
    return pipeline;
  }

  private record AttemptKey(long runId, String taskId, int attempt) {}

  private record Running(RunningTask task, Instant startedAt, Duration timeout) {}
}
