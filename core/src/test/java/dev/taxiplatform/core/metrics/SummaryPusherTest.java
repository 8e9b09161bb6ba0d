package dev.taxiplatform.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryPusherTest {
  private static final Instant FINISHED = Instant.parse("2026-12-01T10:00:00.500Z");

  @TempDir Path temp;

  @Test
  void rendersTheSummaryAsGaugesWithTheLastSuccessTime() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("taxi_batch_rides_written_total", 8276L);
    metrics.put("taxi_batch_duration_seconds", 12.5);

    assertThat(SummaryPusher.render("batch", metrics, FINISHED))
        .isEqualTo(
            """
            # TYPE taxi_batch_rides_written_total gauge
            taxi_batch_rides_written_total 8276
            # TYPE taxi_batch_duration_seconds gauge
            taxi_batch_duration_seconds 12.5
            # TYPE taxi_batch_last_success_timestamp_seconds gauge
            taxi_batch_last_success_timestamp_seconds 1.7961192005E9
            """);
  }

  @Test
  void refusesWhatIsNoMetric() {
    assertThatThrownBy(() -> SummaryPusher.render("batch", Map.of("bad name", 1), FINISHED))
        .hasMessageContaining("bad name");
    assertThatThrownBy(() -> SummaryPusher.render("batch", Map.of("taxi_x", "text"), FINISHED))
        .hasMessageContaining("taxi_x");
    assertThatThrownBy(() -> SummaryPusher.render("Bad/Job", Map.of(), FINISHED))
        .hasMessageContaining("Bad/Job");
  }

  @Test
  void aRealPushgatewayServesTheLastPushedSummary() throws Exception {
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
      SummaryPusher pusher = new SummaryPusher(url);

      assertThat(
              pusher.pushSuccess("loader", Map.of("taxi_loader_rows_inserted_total", 10), FINISHED))
          .isTrue();
      assertThat(
              pusher.pushSuccess("loader", Map.of("taxi_loader_rows_inserted_total", 7), FINISHED))
          .isTrue();

      String scraped =
          http.send(
                  HttpRequest.newBuilder(url.resolve("/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(scraped)
          .contains("taxi_loader_rows_inserted_total{instance=\"\",job=\"loader\"} 7")
          .doesNotContain("taxi_loader_rows_inserted_total{instance=\"\",job=\"loader\"} 10")
          .contains(
              "taxi_loader_last_success_timestamp_seconds{instance=\"\",job=\"loader\"} 1.7961192005e+09");
      assertThat(
              new SummaryPusher(URI.create("http://127.0.0.1:1"))
                  .pushSuccess("loader", Map.of(), FINISHED))
          .isFalse();
    } finally {
      gateway.destroy();
      gateway.waitFor();
    }
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
      } catch (java.io.IOException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
      }
      Thread.sleep(200);
    }
  }
}
