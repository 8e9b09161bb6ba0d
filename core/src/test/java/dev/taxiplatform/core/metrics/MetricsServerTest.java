package dev.taxiplatform.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
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

  @Test
  void livenessAndReadinessAreAnsweredApart() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean ready =
        new java.util.concurrent.atomic.AtomicBoolean();
    try (MetricsServer server =
        MetricsServer.start(
            "127.0.0.1",
            0,
            MetricsServer.Health::healthy,
            () ->
                ready.get()
                    ? MetricsServer.Health.healthy()
                    : MetricsServer.Health.unhealthy("no partitions assigned yet"))) {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> notReady =
          send(HttpRequest.newBuilder(URI.create(base + "/health/ready")));
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body())
          .isEqualTo("{\"status\":\"DOWN\",\"detail\":\"no partitions assigned yet\"}");
      for (String live : new String[] {"/health", "/health/live"}) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + live)));
        assertThat(answer.statusCode()).as(live).isEqualTo(200);
        assertThat(answer.body()).as(live).isEqualTo("{\"status\":\"UP\"}");
      }

      ready.set(true);

      HttpResponse<String> nowReady =
          send(HttpRequest.newBuilder(URI.create(base + "/health/ready")));
      assertThat(nowReady.statusCode()).isEqualTo(200);
      assertThat(nowReady.body()).isEqualTo("{\"status\":\"UP\"}");
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/health/other"))).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void servesOtherInterfacesOnlyWhenBoundToEveryInterface() throws Exception {
    Optional<String> address = nonLoopbackAddress();
    Assumptions.assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
    try (MetricsServer loopback =
        MetricsServer.start("127.0.0.1", 0, MetricsServer.Health::healthy)) {
      URI viaInterface =
          URI.create("http://%s:%d/health".formatted(address.get(), loopback.port()));
      assertThatThrownBy(() -> send(HttpRequest.newBuilder(viaInterface)))
          .isInstanceOf(ConnectException.class);
    }
    try (MetricsServer everywhere =
        MetricsServer.start("0.0.0.0", 0, MetricsServer.Health::healthy)) {
      HttpResponse<String> health =
          send(
              HttpRequest.newBuilder(
                  URI.create("http://%s:%d/health".formatted(address.get(), everywhere.port()))));
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }
  }

  private static Optional<String> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(MetricsServerTest::isUp)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .map(InetAddress::getHostAddress)
        .findFirst();
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
