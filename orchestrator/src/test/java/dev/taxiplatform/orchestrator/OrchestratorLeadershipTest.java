package dev.taxiplatform.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.net.PortAllocator;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.orchestrator.engine.EngineTestAccess;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.RunState;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One active orchestrator per database: the leader lock, given up and taken over. */
class OrchestratorLeadershipTest {
  private static final Pattern ACTIVE = Pattern.compile("Orchestrator (\\S+) is active");

  @TempDir Path directory;

  @Test
  void aLockGivenUpAfterAnSqlErrorIsFreeForEveryOrchestratorAtOnce() throws Exception {
    LocalStack stack = LocalStack.shared();
    try (OrchestratorRuntime first = OrchestratorRuntime.create(stack.config());
        OrchestratorRuntime second = OrchestratorRuntime.create(stack.config())) {
      var lock = first.tryLeadership();
      assertThat(lock).as("the first orchestrator leads").isPresent();
      assertThat(second.tryLeadership()).as("the second stands by").isEmpty();

      // On an SQL error the service gives its leadership up, as here, and tries again next tick.
      lock.get().close();

      var taken = second.tryLeadership();
      assertThat(taken).as("the lock is free once given up").isPresent();
      assertThat(first.tryLeadership()).isEmpty();
      taken.get().close();
      var regained = first.tryLeadership();
      assertThat(regained).as("and the first regains it").isPresent();
      regained.get().close();
    }
  }

  @Test
  void whenTheLeaderIsKilledTheStandbyTakesOverAndRunsTheSchedule() throws Exception {
    Path pipelines = Files.createDirectories(directory.resolve("pipelines"));
    String name = "failover_" + System.nanoTime();
    Files.writeString(
        pipelines.resolve(name + ".yaml"),
        """
        pipeline: %s
        schedule: "*/5 * * * * *"
        tasks:
          tick: {command: ["true"]}
        """
            .formatted(name));
    LocalStack stack = LocalStack.shared();
    try (EngineTestAccess access = new EngineTestAccess(directory)) {
      OrchestratorStore store = access.store();
      PortAllocator ports = new PortAllocator();
      int firstPort = ports.allocate(28180).port();
      int secondPort = ports.allocate(firstPort + 1).port();
      Path firstLog = directory.resolve("first.log");
      Path secondLog = directory.resolve("second.log");

      Process first = OrchestratorProcesses.start(stack, pipelines, firstPort, firstLog);
      Process second = null;
      try {
        OrchestratorProcesses.awaitTrue(
            () -> activeInstance(firstLog).isPresent(), Duration.ofSeconds(90), "the first leads");
        second = OrchestratorProcesses.start(stack, pipelines, secondPort, secondLog);
        OrchestratorProcesses.awaitTrue(
            () -> OrchestratorProcesses.answers(secondPort),
            Duration.ofSeconds(90),
            "the second serves");
        String leader = activeInstance(firstLog).get();
        OrchestratorProcesses.awaitTrue(
            () -> !succeededScheduledRuns(store, name, leader).isEmpty(),
            Duration.ofSeconds(150),
            "the first runs a scheduled run");
        assertThat(activeInstance(secondLog)).as("the second stands by").isEmpty();

        OrchestratorProcesses.kill(first);
        Instant killed = Instant.now();

        OrchestratorProcesses.awaitTrue(
            () -> activeInstance(secondLog).isPresent(),
            Duration.ofSeconds(60),
            "the second takes over");
        String successor = activeInstance(secondLog).get();
        assertThat(successor).isNotEqualTo(leader);
        OrchestratorProcesses.awaitTrue(
            () ->
                succeededScheduledRuns(store, name, successor).stream()
                    .anyMatch(run -> run.logicalDate().isAfter(killed.minusSeconds(60))),
            Duration.ofSeconds(150),
            "the second runs the schedule");
      } finally {
        first.destroy();
        if (second != null) {
          second.destroy();
          second.waitFor(60, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static Optional<String> activeInstance(Path log) {
    try {
      if (!Files.exists(log)) {
        return Optional.empty();
      }
      Matcher matcher = ACTIVE.matcher(Files.readString(log));
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The pipeline's scheduled runs that succeeded with every attempt run by {@code owner}. */
  private static List<PipelineRun> succeededScheduledRuns(
      OrchestratorStore store, String pipeline, String owner) {
    try {
      List<PipelineRun> runs = new java.util.ArrayList<>();
      for (PipelineRun run : store.recentRuns(pipeline, 20)) {
        if (run.trigger().equals("schedule") && run.state() == RunState.SUCCESS) {
          List<TaskAttempt> attempts = store.attempts(run.id());
          if (!attempts.isEmpty() && attempts.stream().allMatch(a -> a.owner().equals(owner))) {
            runs.add(run);
          }
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
