package dev.taxiplatform.orchestrator;

import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.testing.LocalStack;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real {@code platform orchestrator} processes on the shared test stack, for tests to start and
 * kill.
 */
final class OrchestratorProcesses {
  private OrchestratorProcesses() {}

  /** Starts {@code platform orchestrator} with the pipelines of a directory; output to a log. */
  static Process start(LocalStack stack, Path pipelines, int port, Path log) throws IOException {
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

  /**
   * Kills the orchestrator's own JVM (the launcher runs it as a child) with SIGKILL, as a crash
   * would, and waits until the launcher has gone too.
   */
  static void kill(Process launcher) throws Exception {
    ProcessHandle orchestrator =
        launcher
            .toHandle()
            .children()
            .filter(p -> Processes.commandLine(p).contains("OrchestratorMain"))
            .findFirst()
            .orElseThrow();
    orchestrator.destroyForcibly();
    orchestrator.onExit().get(30, TimeUnit.SECONDS);
    launcher.waitFor(30, TimeUnit.SECONDS);
  }

  /** True when the orchestrator on {@code port} answers its health check. */
  static boolean answers(int port) {
    try {
      return HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:%d/health".formatted(port)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
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
