package dev.taxiplatform.orchestrator;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill the orchestrator (SIGKILL) while a task runs, start it again: the interrupted attempt is
 * detected, its leftover process stopped, the task retried once, and the run completes.
 */
class OrchestratorRecoveryTest {
  @TempDir Path directory;

  @Test
  void aTaskInterruptedByAnOrchestratorCrashIsRetriedOnceAndTheRunCompletes() throws Exception {
    Path pipelines = Files.createDirectories(directory.resolve("pipelines"));
    Path marks = directory.resolve("marks");
    String name = "recovery_" + System.nanoTime();
    Files.writeString(
        pipelines.resolve(name + ".yaml"),
        """
        pipeline: %s
        tasks:
          prepare: {command: ["true"]}
          slow:
            command: ["sh", "-c", "first=$([ -f %s ] && echo no || echo yes); echo started $$ >> %s; if [ $first = yes ]; then sleep 300; fi; echo done $$ >> %s"]
            depends_on: prepare
            retries: 2
            retry_delay: 1s
        """
            .formatted(name, marks, marks, marks));
    LocalStack stack = LocalStack.shared();
    OrchestratorStore store;
    try (EngineTestAccess access = new EngineTestAccess(directory)) {
      store = access.store();
      int port = new PortAllocator().allocate(28080).port();

      Process first = OrchestratorProcesses.start(stack, pipelines, port, log("first"));
      OrchestratorProcesses.awaitTrue(
          () -> OrchestratorProcesses.answers(port),
          Duration.ofSeconds(60),
          "the orchestrator serves");
      long runId = trigger(port, name);
      OrchestratorProcesses.awaitTrue(
          () -> runningAttempt(store, runId).isPresent(),
          Duration.ofSeconds(60),
          "slow is running");
      TaskAttempt interrupted = runningAttempt(store, runId).get();
      OrchestratorProcesses.awaitTrue(
          () -> lines(marks).size() == 1, Duration.ofSeconds(30), "the task printed its start");

      OrchestratorProcesses.kill(first);
      assertThat(Processes.isAlive(interrupted.processId()))
          .as("the task outlives the killed orchestrator")
          .isTrue();

      Process second = OrchestratorProcesses.start(stack, pipelines, port, log("second"));
      try {
        OrchestratorProcesses.awaitTrue(
            () -> state(store, runId) == RunState.SUCCESS,
            Duration.ofSeconds(120),
            "the run completes");
      } finally {
        second.destroy();
        second.waitFor(60, TimeUnit.SECONDS);
      }

      List<TaskAttempt> attempts = store.attempts(runId, "slow");
      assertThat(attempts).extracting(TaskAttempt::state).containsExactly("failed", "success");
      assertThat(attempts.get(0).message())
          .startsWith("interrupted: the orchestrator running it stopped");
      assertThat(store.attempts(runId, "prepare")).hasSize(1);
      List<String> printed = lines(marks);
      assertThat(printed)
          .as("the first attempt was stopped before the retry, which ran to the end")
          .hasSize(3);
      assertThat(printed.get(0)).startsWith("started");
      assertThat(printed.get(1)).startsWith("started");
      assertThat(printed.get(2)).isEqualTo(printed.get(1).replace("started", "done"));
      assertThat(Processes.isAlive(interrupted.processId())).isFalse();
    }
  }

  private Path log(String name) {
    return directory.resolve(name + ".log");
  }

  private static long trigger(int port, String pipeline) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:%d/api/pipelines/%s/runs".formatted(port, pipeline)))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new ObjectMapper().readTree(response.body()).get("id").asLong();
  }

  private static java.util.Optional<TaskAttempt> runningAttempt(
      OrchestratorStore store, long runId) {
    try {
      return store.attempts(runId, "slow").stream()
          .filter(a -> a.state().equals("running") && a.processId() > 0)
          .findFirst();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RunState state(OrchestratorStore store, long runId) {
    try {
      return store.run(runId).orElseThrow().state();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
