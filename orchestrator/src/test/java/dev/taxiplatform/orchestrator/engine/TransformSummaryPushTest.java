package dev.taxiplatform.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.metrics.SummaryPusher;
import dev.taxiplatform.orchestrator.pipeline.TaskDefinition;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import dev.taxiplatform.orchestrator.pipeline.TriggerRule;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transform task's tally reaches a real Pushgateway; other tasks push nothing. */
class TransformSummaryPushTest {
  @TempDir Path temp;

  @Test
  void theTallyOfATransformAttemptReplacesTheLastOneAndAFailureKeepsTheLastSuccess()
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process gateway =
        new ProcessBuilder("prometheus-pushgateway", "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("pushgateway.log").toFile())
            .start();
    try {
      URI url = URI.create("http://127.0.0.1:" + port);
      HttpClient http = HttpClient.newHttpClient();
      awaitReady(http, url);
      TransformSummaryPush push =
          new TransformSummaryPush(() -> Optional.of(new SummaryPusher(url)));

      push.attemptFinished(
          task("transform", "test", "--project-dir", "dbt"),
          log("ok.log", "Done. PASS=14 WARN=1 ERROR=0 SKIP=0 TOTAL=15"),
          true,
          Duration.ofMillis(2500));
      String first = scrape(http, url);
      assertThat(first)
          .contains("taxi_transform_nodes_passed_total{instance=\"\",job=\"transform-test\"} 14")
          .contains("taxi_transform_nodes_warned_total{instance=\"\",job=\"transform-test\"} 1")
          .contains("taxi_transform_nodes_failed_total{instance=\"\",job=\"transform-test\"} 0")
          .contains("taxi_transform_nodes_run_total{instance=\"\",job=\"transform-test\"} 15")
          .contains("taxi_transform_succeeded{instance=\"\",job=\"transform-test\"} 1")
          .contains("taxi_transform_duration_seconds{instance=\"\",job=\"transform-test\"} 2.5")
          .contains("taxi_transform_test_last_success_timestamp_seconds{");
      String lastSuccess = line(first, "taxi_transform_test_last_success_timestamp_seconds{");

      push.attemptFinished(
          task("transform", "test", "--project-dir", "dbt"),
          log(
              "failed.log",
              "Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1\n...\n"
                  + "Done. PASS=12 WARN=0 ERROR=2 SKIP=1 TOTAL=15"),
          false,
          Duration.ofSeconds(3));
      push.attemptFinished(
          task("batch"),
          log("batch.log", "Done. PASS=9 WARN=0 ERROR=9 SKIP=0 TOTAL=18"),
          false,
          Duration.ofSeconds(1));
      String second = scrape(http, url);
      assertThat(second)
          .contains("taxi_transform_nodes_passed_total{instance=\"\",job=\"transform-test\"} 12")
          .contains("taxi_transform_nodes_failed_total{instance=\"\",job=\"transform-test\"} 2")
          .contains("taxi_transform_nodes_skipped_total{instance=\"\",job=\"transform-test\"} 1")
          .contains("taxi_transform_succeeded{instance=\"\",job=\"transform-test\"} 0")
          .contains("taxi_transform_duration_seconds{instance=\"\",job=\"transform-test\"} 3")
          .contains(lastSuccess)
          .doesNotContain("job=\"batch\"")
          .doesNotContain(
              "taxi_transform_nodes_failed_total{instance=\"\",job=\"transform-test\"} 9");
    } finally {
      gateway.destroy();
      gateway.waitFor();
    }
  }

  @Test
  void nothingIsPushedWithoutATally() throws Exception {
    List<Boolean> asked = new java.util.ArrayList<>();
    TransformSummaryPush push =
        new TransformSummaryPush(
            () -> {
              asked.add(true);
              return Optional.empty();
            });
    push.attemptFinished(
        task("transform", "run"), log("crash.log", "Exception"), false, Duration.ZERO);
    push.attemptFinished(
        task("transform", "run"), temp.resolve("missing.log"), false, Duration.ZERO);
    assertThat(asked).isEmpty();
  }

  private Path log(String name, String content) throws IOException {
    return Files.writeString(temp.resolve(name), "Running...\n" + content + "\n");
  }

  private static TaskDefinition task(String command, String... args) {
    return new TaskDefinition(
        "t",
        new TaskSpec.Platform(command, List.of(args)),
        List.of(),
        0,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        TriggerRule.ALL_SUCCESS);
  }

  private static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  private static String scrape(HttpClient http, URI url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(url.resolve("/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void awaitReady(HttpClient http, URI url) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(url.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
      }
      Thread.sleep(200);
    }
  }
}
