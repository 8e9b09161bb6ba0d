package dev.taxiplatform.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHealthMetricsAndPostActions() throws Exception {
    AtomicInteger flushes = new AtomicInteger();
    try (MetricsServer server =
        MetricsServer.start(
            "127.0.0.1", 0, () -> MetricsServer.Health.unhealthy("broker \"a\" unreachable"))) {
      server.action("/flush", flushes::incrementAndGet);
      String base = "http://127.0.0.1:" + server.port();

      HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/health")));
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body())
          .isEqualTo("{\"status\":\"DOWN\",\"detail\":\"broker \\\"a\\\" unreachable\"}");
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/metrics"))).body())
          .contains("jvm_memory_used_bytes");

      HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(base + "/flush")));
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(flushes).hasValue(0);

      HttpResponse<String> post =
          send(
              HttpRequest.newBuilder(URI.create(base + "/flush"))
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(post.statusCode()).isEqualTo(202);
      assertThat(post.body()).isEqualTo("{\"status\":\"accepted\"}");
      assertThat(flushes).hasValue(1);
    }
  }
}
