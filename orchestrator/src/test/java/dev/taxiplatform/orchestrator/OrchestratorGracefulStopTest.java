package dev.taxiplatform.orchestrator;

import static dev.taxiplatform.orchestrator.OrchestratorProcesses.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.net.PortAllocator;
import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.orchestrator.engine.EngineTestAccess;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.RunState;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

  private final HttpClient http = HttpClient.newHttpClient();

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
      Process orchestrator = OrchestratorProcesses.start(stack, pipelines, port, log);
      try {
        awaitTrue(
            () -> status(port, "/health/ready") == 200,
            Duration.ofSeconds(90),
            "the orchestrator is ready");
        assertThat(status(port, "/health/live")).isEqualTo(200);
        long runId = trigger(port, name);
        awaitTrue(
            () -> runningAttempt(store, runId).isPresent(),
            Duration.ofSeconds(60),
            "slow is running");
        TaskAttempt running = runningAttempt(store, runId).orElseThrow();
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

  private long trigger(int port, String pipeline) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:%d/api/pipelines/%s/runs".formatted(port, pipeline)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new ObjectMapper().readTree(response.body()).get("id").asLong();
  }

  private int status(int port, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:%d%s".formatted(port, path)))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static Optional<TaskAttempt> runningAttempt(OrchestratorStore store, long runId) {
    try {
      return store.attempts(runId, "slow").stream()
          .filter(a -> a.state().equals("running") && a.processId() > 0)
          .findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
