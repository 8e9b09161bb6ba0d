package dev.taxiplatform.orchestrator;

import static dev.taxiplatform.orchestrator.OrchestratorProcess.awaitTrue;
import static dev.taxiplatform.orchestrator.OrchestratorProcess.runningAttempt;
import static dev.taxiplatform.orchestrator.OrchestratorProcess.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.net.PortAllocator;
import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.orchestrator.engine.EngineTestAccess;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.RunState;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code platform orchestrator} (as a container runtime sends it to the launcher, its
 * first process) while a task runs: the orchestrator stops the task, records the attempt as
 * interrupted rather than leaving it running, and exits within its shutdown timeout.
 */
class OrchestratorGracefulStopTest {
  @TempDir Path directory;

  @Test
  void sigtermStopsTheRunningTaskAndRecordsItsAttemptAsInterrupted() throws Exception {
    Path pipelines = Files.createDirectories(directory.resolve("pipelines"));
    String name = "graceful_" + System.nanoTime();
    Files.writeString(
        pipelines.resolve(name + ".yaml"),
        """
        pipeline: %s
        tasks:
          slow: {command: ["sleep", "300"]}
        """
            .formatted(name));
    LocalStack stack = LocalStack.shared();
    try (EngineTestAccess access = new EngineTestAccess(directory)) {
      OrchestratorStore store = access.store();
      int port = new PortAllocator().allocate(28180).port();
      Path log = directory.resolve("orchestrator.log");
      Process orchestrator = OrchestratorProcess.start(stack, pipelines, port, log);
      try {
        awaitTrue(
            () -> status(port, "/health/ready") == 200,
            Duration.ofSeconds(90),
            "the orchestrator is ready");
        assertThat(status(port, "/health/live")).isEqualTo(200);
        long runId = OrchestratorProcess.trigger(port, name);
        awaitTrue(
            () -> runningAttempt(store, runId, "slow").isPresent(),
            Duration.ofSeconds(60),
            "slow is running");
        TaskAttempt running = runningAttempt(store, runId, "slow").orElseThrow();
        assertThat(Processes.isAlive(running.processId())).isTrue();

        orchestrator.destroy(); // SIGTERM to the launcher, as to a container's first process

        assertThat(orchestrator.waitFor(60, TimeUnit.SECONDS)).as("log %s", log).isTrue();
        List<TaskAttempt> attempts = store.attempts(runId, "slow");
        assertThat(attempts).extracting(TaskAttempt::state).containsExactly("failed");
        assertThat(attempts.get(0).message())
            .startsWith("interrupted: the orchestrator running it stopped");
        assertThat(store.run(runId).orElseThrow().state()).isNotEqualTo(RunState.SUCCESS);
        assertThat(Processes.isAlive(running.processId())).as("the task was stopped").isFalse();
        assertThat(Files.readString(log))
            .contains("Stopping orchestrator (within 25 s)")
            .containsPattern("orchestrator stopped in \\d+ ms");
      } finally {
        orchestrator.destroyForcibly();
      }
    }
  }
}
