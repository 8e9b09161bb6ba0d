package dev.taxiplatform.infra.stack;

import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.connect.WarehouseConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Health probes of the stack's servers, each speaking the server's own protocol and bounded by
 * {@link #TIMEOUT}: a server that accepts connections but does not answer (stopped, hung) is
 * unhealthy, not healthy.
 */
final class HealthProbes {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private HealthProbes() {}

  /** The broker answers a cluster description with at least one node. */
  static HealthProbe kafka(KafkaConnection connection) {
    return () -> {
      Optional<String> reachable = firstReachable(connection.bootstrapServers());
      if (reachable.isPresent()) {
        return reachable;
      }
      Admin admin = connection.admin("platform-health");
      try {
        int nodes =
            admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
        return nodes > 0 ? Optional.empty() : Optional.of("the cluster has no broker");
      } catch (TimeoutException e) {
        return Optional.of(
            "Kafka did not describe its cluster within " + TIMEOUT.toSeconds() + " s");
      } catch (Exception e) {
        return Optional.of(describe(e));
      } finally {
        admin.close(Duration.ofSeconds(1));
      }
    };
  }

  /** The server lists buckets with the stack's credentials. */
  static HealthProbe s3(S3Connection connection) {
    return () -> {
      Optional<String> reachable = tcp(connection.endpoint());
      if (reachable.isPresent()) {
        return reachable;
      }
      try (S3Client client = connection.client(TIMEOUT)) {
        client.listBuckets();
        return Optional.empty();
      } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
        return Optional.of("S3 did not list its buckets within " + TIMEOUT.toSeconds() + " s");
      } catch (RuntimeException e) {
        return Optional.of(describe(e));
      }
    };
  }

  /** The warehouse role logs in and runs a query. */
  static HealthProbe postgres(WarehouseConnection connection) {
    return () -> {
      Optional<String> reachable = tcp(connection.host(), connection.port());
      if (reachable.isPresent()) {
        return reachable;
      }
      try (Connection jdbc = connection.open(TIMEOUT);
          Statement statement = jdbc.createStatement();
          ResultSet result = statement.executeQuery("SELECT 1")) {
        return result.next() ? Optional.empty() : Optional.of("SELECT 1 returned nothing");
      } catch (Exception e) {
        return Optional.of(describe(e));
      }
    };
  }

  /** {@code GET url} answers 200. */
  static HealthProbe http(URI url) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    return () -> {
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200
            ? Optional.empty()
            : Optional.of(
                "%s answered %d %s".formatted(url, response.statusCode(), response.body()));
      } catch (IOException e) {
        return Optional.of(describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted");
      }
    };
  }

  private static Optional<String> firstReachable(String bootstrapServers) {
    Optional<String> problem = Optional.empty();
    for (String server : bootstrapServers.split(",")) {
      int colon = server.lastIndexOf(':');
      problem = tcp(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
      if (problem.isEmpty()) {
        return problem;
      }
    }
    return problem;
  }

  private static Optional<String> tcp(URI endpoint) {
    int port =
        endpoint.getPort() != -1
            ? endpoint.getPort()
            : "https".equals(endpoint.getScheme()) ? 443 : 80;
    return tcp(endpoint.getHost(), port);
  }

  static Optional<String> tcp(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("nothing answers on %s:%d (%s)".formatted(host, port, e.getMessage()));
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
