package dev.taxiplatform.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.RunState;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import dev.taxiplatform.orchestrator.state.TaskInstance;
import dev.taxiplatform.orchestrator.state.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineEngineTest {
  @TempDir Path directory;
  private EngineHarness harness;

  @BeforeEach
  void setUp() {
    harness = new EngineHarness(directory);
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  private Map<String, TaskInstance> instances(long runId) throws Exception {
    return harness.store.taskInstances(runId).stream()
        .collect(Collectors.toMap(TaskInstance::taskId, i -> i));
  }

  @Test
  void tasksRunInDependencyOrder() throws Exception {
    PipelineDefinition pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            tasks:
              extract: {command: ["sh", "-c", "echo extract >> %dir%/order"]}
              left:    {command: ["sh", "-c", "sleep 0.3; echo left >> %dir%/order"], depends_on: extract}
              right:   {command: ["sh", "-c", "echo right >> %dir%/order"], depends_on: [extract]}
              publish: {command: ["sh", "-c", "echo publish >> %dir%/order"], depends_on: [left, right]}
            """);

    PipelineRun run = harness.engine().trigger(pipeline.name());
    PipelineRun done = harness.runToCompletion(run.id(), Duration.ofSeconds(60));

    assertThat(done.state()).isEqualTo(RunState.SUCCESS);
    List<String> order = Files.readAllLines(directory.resolve("order"));
    assertThat(order).hasSize(4);
    assertThat(order.get(0)).isEqualTo("extract");
    assertThat(order.subList(1, 3)).containsExactlyInAnyOrder("left", "right");
    assertThat(order.get(3)).isEqualTo("publish");
    assertThat(instances(run.id()).values())
        .allSatisfy(i -> assertThat(i.state()).isEqualTo(TaskState.SUCCESS));
    String log =
        Files.readString(Path.of(harness.store.attempts(run.id(), "extract").get(0).logPath()));
    assertThat(log).contains("attempt 1 of extract: sh -c echo extract");
  }

  @Test
  void aTaskThatFailsTwiceIsRetriedWithExponentialBackoffAndSucceeds() throws Exception {
    PipelineDefinition pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            tasks:
              flaky:
                command: ["sh", "-c", "n=$(cat %dir%/count 2>/dev/null || echo 0); n=$((n+1)); echo $n > %dir%/count; echo try $n; [ $n -ge 3 ]"]
                retries: 3
                retry_delay: 1s
                max_retry_delay: 10s
            """);

    PipelineRun run = harness.engine().trigger(pipeline.name());
    assertThat(harness.runToCompletion(run.id(), Duration.ofSeconds(60)).state())
        .isEqualTo(RunState.SUCCESS);

    List<TaskAttempt> attempts = harness.store.attempts(run.id(), "flaky");
    assertThat(attempts)
        .extracting(TaskAttempt::state)
        .containsExactly("failed", "failed", "success");
    assertThat(attempts).extracting(a -> a.exitCode().orElseThrow()).containsExactly(1, 1, 0);
    Duration firstWait =
        Duration.between(attempts.get(0).endedAt().orElseThrow(), attempts.get(1).startedAt());
    Duration secondWait =
        Duration.between(attempts.get(1).endedAt().orElseThrow(), attempts.get(2).startedAt());
    assertThat(firstWait).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(secondWait).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
    assertThat(instances(run.id()).get("flaky").tryNumber()).isEqualTo(3);
    assertThat(harness.registry.get("taxi_orchestrator_task_retries_total").counter().count())
        .isEqualTo(2.0);
    assertThat(harness.registry.get("taxi_orchestrator_task_failures_total").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void retriesRunOutAndTheRunFails() throws Exception {
    PipelineDefinition pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            defaults: {retries: 1, retry_delay: 1s}
            tasks:
              broken: {command: ["sh", "-c", "echo nope; exit 7"]}
              after: {command: ["true"], depends_on: broken}
            """);

    PipelineRun run = harness.engine().trigger(pipeline.name());

    assertThat(harness.runToCompletion(run.id(), Duration.ofSeconds(60)).state())
        .isEqualTo(RunState.FAILED);
    assertThat(harness.store.attempts(run.id(), "broken"))
        .extracting(TaskAttempt::message)
        .containsExactly("exit code 7", "exit code 7");
    assertThat(instances(run.id()).get("broken").state()).isEqualTo(TaskState.FAILED);
    assertThat(instances(run.id()).get("after").state()).isEqualTo(TaskState.UPSTREAM_FAILED);
    assertThat(harness.store.attempts(run.id(), "after")).isEmpty();
  }

  @Test
  void anAttemptPastItsTimeoutIsKilled() throws Exception {
    PipelineDefinition pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            tasks:
              slow: {command: ["sleep", "120"], timeout: 2s}
            """);

    Instant started = Instant.now();
    PipelineRun run = harness.engine().trigger(pipeline.name());
    assertThat(harness.runToCompletion(run.id(), Duration.ofSeconds(60)).state())
        .isEqualTo(RunState.FAILED);

    TaskAttempt attempt = harness.store.attempts(run.id(), "slow").get(0);
    assertThat(attempt.message()).isEqualTo("timed out after PT2S: killed");
    assertThat(Processes.isAlive(attempt.processId())).isFalse();
    assertThat(Duration.between(started, attempt.endedAt().orElseThrow()))
        .isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void triggerRulesDecideWhatRunsAfterAFailure() throws Exception {
    PipelineDefinition pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            tasks:
              ok: {command: ["true"]}
              fails: {command: ["false"]}
              needs_all: {command: ["true"], depends_on: [ok, fails]}
              on_failure: {command: ["true"], depends_on: [ok, fails], trigger_rule: one_failed}
              cleanup: {command: ["true"], depends_on: [ok, fails], trigger_rule: all_done}
              all_bad: {command: ["true"], depends_on: [fails], trigger_rule: all_failed}
              any_good: {command: ["true"], depends_on: [ok, fails], trigger_rule: one_success}
              no_failure: {command: ["true"], depends_on: [ok, fails], trigger_rule: none_failed}
              skipped: {command: ["true"], depends_on: [ok], trigger_rule: all_failed}
              after_skip: {command: ["true"], depends_on: [skipped]}
            """);

    PipelineRun run = harness.engine().trigger(pipeline.name());
    PipelineRun done = harness.runToCompletion(run.id(), Duration.ofSeconds(60));

    Map<String, TaskState> states =
        instances(run.id()).values().stream()
            .collect(Collectors.toMap(TaskInstance::taskId, TaskInstance::state));
    assertThat(states)
        .containsEntry("ok", TaskState.SUCCESS)
        .containsEntry("fails", TaskState.FAILED)
        .containsEntry("needs_all", TaskState.UPSTREAM_FAILED)
        .containsEntry("on_failure", TaskState.SUCCESS)
        .containsEntry("cleanup", TaskState.SUCCESS)
        .containsEntry("all_bad", TaskState.SUCCESS)
        .containsEntry("any_good", TaskState.SUCCESS)
        .containsEntry("no_failure", TaskState.UPSTREAM_FAILED)
        .containsEntry("skipped", TaskState.SKIPPED)
        .containsEntry("after_skip", TaskState.SKIPPED);
    assertThat(done.state()).as("a leaf task is upstream_failed").isEqualTo(RunState.FAILED);
  }

  @Test
  void maxActiveRunsHoldsUnderConcurrentTriggers() throws Exception {
    PipelineDefinition pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            max_active_runs: 1
            tasks:
              work:
                command: ["sh", "-c", "echo start $(date +%s%N) >> %dir%/spans; sleep 0.5; echo end $(date +%s%N) >> %dir%/spans"]
            """);
    ExecutorService triggers = Executors.newFixedThreadPool(4);
    List<Callable<PipelineRun>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(() -> harness.engine().trigger(pipeline.name()));
    }
    List<Long> runIds = new ArrayList<>();
    for (Future<PipelineRun> future : triggers.invokeAll(calls)) {
      runIds.add(future.get().id());
    }
    triggers.shutdown();
    assertThat(runIds).doesNotHaveDuplicates().hasSize(4);

    int maxRunning = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      harness.engine().tick();
      int runningNow = 0;
      boolean done = true;
      for (long id : runIds) {
        RunState state = harness.stateOf(id);
        runningNow += state == RunState.RUNNING ? 1 : 0;
        done &= state.finished();
      }
      maxRunning = Math.max(maxRunning, runningNow);
      if (done) {
        break;
      }
      Thread.sleep(50);
    }

    assertThat(maxRunning).isEqualTo(1);
    for (long id : runIds) {
      assertThat(harness.stateOf(id)).isEqualTo(RunState.SUCCESS);
    }
    List<String> spans = Files.readAllLines(directory.resolve("spans"));
    assertThat(spans).hasSize(8);
    for (int i = 0; i < spans.size(); i += 2) {
      assertThat(spans.get(i)).startsWith("start");
      assertThat(spans.get(i + 1)).as("no two runs overlap").startsWith("end");
    }
  }

  @Test
  void aCronScheduleFiresOncePerScheduleTimeWithoutCatchUp() throws Exception {
    Instant start = Instant.parse("2026-11-24T10:00:30Z");
    harness.clock.set(start);
    PipelineDefinition pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            schedule: "*/5 * * * *"
            tasks:
              work: {command: ["true"]}
            """);
    PipelineEngine engine = harness.engine();

    engine.tick();
    assertThat(harness.store.recentRuns(pipeline.name(), 10))
        .as("nothing due before the first schedule time")
        .isEmpty();

    harness.clock.set(Instant.parse("2026-11-24T10:05:01Z"));
    engine.tick();
    engine.tick();
    List<PipelineRun> runs = harness.store.recentRuns(pipeline.name(), 10);
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).trigger()).isEqualTo("schedule");
    assertThat(runs.get(0).logicalDate()).isEqualTo(Instant.parse("2026-11-24T10:05:00Z"));

    // Down for half an hour: without catch-up only the latest schedule time runs.
    harness.clock.set(Instant.parse("2026-11-24T10:37:00Z"));
    engine.tick();
    runs = harness.store.recentRuns(pipeline.name(), 10);
    assertThat(runs)
        .extracting(PipelineRun::logicalDate)
        .containsExactly(
            Instant.parse("2026-11-24T10:35:00Z"), Instant.parse("2026-11-24T10:05:00Z"));
  }

  @Test
  void withoutCatchUpAtMostOneScheduledRunWaitsBehindARunningOne() throws Exception {
    harness.clock.set(Instant.parse("2026-11-24T10:00:30Z"));
    PipelineDefinition pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            schedule: "*/20 * * * * *"
            tasks:
              slow: {command: ["sleep", "120"], retries: 0}
            """);
    PipelineEngine engine = harness.engine();
    harness.clock.set(Instant.parse("2026-11-24T10:00:41Z"));
    engine.tick();
    harness.clock.set(Instant.parse("2026-11-24T10:01:01Z"));
    engine.tick();
    harness.clock.set(Instant.parse("2026-11-24T10:01:21Z"));
    engine.tick();
    harness.clock.set(Instant.parse("2026-11-24T10:01:41Z"));
    engine.tick();

    List<PipelineRun> runs = harness.store.recentRuns(pipeline.name(), 10);
    assertThat(runs)
        .extracting(PipelineRun::logicalDate, PipelineRun::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Instant.parse("2026-11-24T10:01:00Z"), RunState.QUEUED),
            org.assertj.core.groups.Tuple.tuple(
                Instant.parse("2026-11-24T10:00:40Z"), RunState.RUNNING));
  }

  @Test
  void catchUpAndBackfillCreateARunPerScheduleTime() throws Exception {
    harness.clock.set(Instant.parse("2026-11-24T10:00:30Z"));
    PipelineDefinition pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            schedule: "0 * * * *"
            catchup: true
            tasks:
              work: {command: ["true"]}
            """);
    PipelineEngine engine = harness.engine();
    engine.tick();
    harness.clock.set(Instant.parse("2026-11-24T11:00:10Z"));
    engine.tick();
    harness.clock.set(Instant.parse("2026-11-24T14:30:00Z"));
    engine.tick();

    List<Instant> scheduled =
        new ArrayList<>(
            harness.store.recentRuns(pipeline.name(), 10).stream()
                .map(PipelineRun::logicalDate)
                .toList());
    Collections.sort(scheduled);
    assertThat(scheduled)
        .containsExactly(
            Instant.parse("2026-11-24T11:00:00Z"),
            Instant.parse("2026-11-24T12:00:00Z"),
            Instant.parse("2026-11-24T13:00:00Z"),
            Instant.parse("2026-11-24T14:00:00Z"));

    List<PipelineRun> backfill =
        PipelineEngine.backfill(
            engine.pipelines(),
            harness.store,
            pipeline.name(),
            Instant.parse("2026-11-20T00:00:00Z"),
            Instant.parse("2026-11-20T02:00:00Z"));
    assertThat(backfill)
        .extracting(PipelineRun::logicalDate)
        .containsExactly(
            Instant.parse("2026-11-20T00:00:00Z"),
            Instant.parse("2026-11-20T01:00:00Z"),
            Instant.parse("2026-11-20T02:00:00Z"));
    assertThat(backfill).allSatisfy(r -> assertThat(r.trigger()).isEqualTo("backfill"));
    assertThat(
            PipelineEngine.backfill(
                engine.pipelines(),
                harness.store,
                pipeline.name(),
                Instant.parse("2026-11-20T00:00:00Z"),
                Instant.parse("2026-11-20T02:00:00Z")))
        .as("a second backfill of the same range adds nothing")
        .isEmpty();
  }
}
