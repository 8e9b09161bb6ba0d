package dev.taxiplatform.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** {@code platform orchestrator} as a real process on the shared test stack, and its REST API. */
final class OrchestratorProcess {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private OrchestratorProcess() {}

  /** Starts {@code platform orchestrator} serving {@code port}, its output in {@code log}. */
  static Process start(LocalStack stack, Path pipelines, int port, Path log) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                PlatformHome.locate().resolve("platform").toString(),
                "orchestrator",
                "--data-dir",
                stack.dataDir().toString(),
                "--port",
                Integer.toString(port),
                "--set",
                "orchestrator.pipelines-dir=" + pipelines)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("PLATFORM_SKIP_BUILD", "1");
    return builder.start();
  }

  /** Triggers a run of {@code pipeline} over REST; returns its id. */
  static long trigger(int port, String pipeline) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:%d/api/pipelines/%s/runs".formatted(port, pipeline)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new ObjectMapper().readTree(response.body()).get("id").asLong();
  }

  /** The HTTP status of {@code GET path}, or -1 when nothing answers. */
  static int status(int port, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:%d%s".formatted(port, path)))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** The task's running attempt with its process, if any. */
  static Optional<TaskAttempt> runningAttempt(OrchestratorStore store, long runId, String task) {
    try {
      return store.attempts(runId, task).stream()
          .filter(a -> a.state().equals("running") && a.processId() > 0)
          .findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void awaitTrue(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting until " + what);
  }
}
