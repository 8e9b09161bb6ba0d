package dev.taxiplatform.orchestrator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits until a stack's batch service has warmed up its Spark session (its {@code GET /runs} says
 * {@code "warm": true}), so that a measurement starts on the steady state every later cycle sees,
 * not on a session still loading its classes.
 */
final class BatchServiceWarmth {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchServiceWarmth() {}

  /** Returns once the batch service of the stack in {@code stackDataDir} is warm. */
  static void await(Path stackDataDir, Duration limit, PrintStream out)
      throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    out.println("Waiting for the batch service to warm up its Spark session ...");
    while (true) {
      Optional<String> endpoint =
          StackState.liveEndpoint(new StackLayout(stackDataDir), BatchSettings.SERVICE_NAME);
      if (endpoint.isEmpty()) {
        throw new PlatformException(
            ExitCodes.UNAVAILABLE,
            "The stack's batch service is not running; see its log in %s"
                .formatted(stackDataDir.resolve("logs")));
      }
      if (warm(client, URI.create(endpoint.get()).resolve("/runs"))) {
        out.printf("Batch service warm after %.1f s.%n", (System.nanoTime() - start) / 1e9);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new PlatformException(
            ExitCodes.FAILED,
            "The batch service did not warm up within %d s; see its log in %s"
                .formatted(limit.toSeconds(), stackDataDir.resolve("logs")));
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static boolean warm(HttpClient client, URI runs) throws InterruptedException {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(runs).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          && JSON.readTree(response.body()).path("warm").asBoolean();
    } catch (IOException e) {
      // Not answering yet: its HTTP server starts with the session.
      return false;
    }
  }
}
