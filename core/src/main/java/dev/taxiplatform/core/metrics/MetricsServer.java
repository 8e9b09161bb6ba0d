package dev.taxiplatform.core.metrics;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A component's observability endpoint: {@code GET /metrics} in Prometheus text format; {@code GET
 * /health} and {@code GET /health/live} (liveness: {@code 200 {"status":"UP"}} or {@code 503
 * {"status":"DOWN",...}}; restart the process when down); {@code GET /health/ready} (readiness,
 * same answers: send it work only when up); plus any actions the component offers ({@code POST},
 * see {@link #action}).
 */
public final class MetricsServer implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final HttpServer server;
  private final JvmMeters jvmMeters;

  private MetricsServer(PrometheusMeterRegistry registry, HttpServer server, JvmMeters jvmMeters) {
    this.registry = registry;
    this.server = server;
    this.jvmMeters = jvmMeters;
  }

  /**
   * Starts serving on {@code host:port} (port 0 picks a free one), ready whenever live.
   *
   * @param health the component's health, asked on every {@code /health} request
   */
  public static MetricsServer start(String host, int port, Supplier<Health> health) {
    return start(host, port, health, health);
  }

  /**
   * Starts serving on {@code host:port} (port 0 picks a free one).
   *
   * @param liveness whether the component works, asked on every {@code /health} and {@code
   *     /health/live} request
   * @param readiness whether it does its job yet (e.g. has its share of the partitions), asked on
   *     every {@code /health/ready} request
   */
  public static MetricsServer start(
      String host, int port, Supplier<Health> liveness, Supplier<Health> readiness) {
    requireNonNull(liveness, "liveness");
    requireNonNull(readiness, "readiness");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmMeters jvmMeters = JvmMeters.bindTo(registry);
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
      server.createContext(
          "/metrics",
          exchange ->
              respond(
                  exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
      server.createContext("/health", exchange -> respondHealth(exchange, liveness));
      server.createContext("/health/live", exchange -> respondHealth(exchange, liveness));
      server.createContext("/health/ready", exchange -> respondHealth(exchange, readiness));
      server.setExecutor(Executors.newFixedThreadPool(2, MetricsServer::daemonThread));
      server.start();
      return new MetricsServer(registry, server, jvmMeters);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve metrics on %s:%d".formatted(host, port), e);
    }
  }

  /** The registry to register the component's meters with. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Serves {@code POST path} by running {@code action} and answering {@code 202
   * {"status":"accepted"}}; any other method gets {@code 405}.
   */
  public void action(String path, Runnable action) {
    requireNonNull(action, "action");
    server.createContext(
        path,
        exchange -> {
          if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            respond(exchange, 405, "application/json", "{\"error\":\"use POST\"}");
            return;
          }
          action.run();
          respond(exchange, 202, "application/json", "{\"status\":\"accepted\"}");
        });
  }

  /**
   * Serves {@code path} (and the paths under it) with {@code handler}: a component's own API next
   * to its metrics and health, on the same port.
   */
  public void route(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(path, requireNonNull(handler, "handler"));
  }

  /**
   * Also serves the free and total space of the file system holding {@code directory} ({@code
   * disk_free_bytes}, {@code disk_total_bytes}, label {@code path}), e.g. the data directory.
   */
  public void watchDisk(java.nio.file.Path directory) {
    new DiskSpaceMetrics(directory.toFile()).bindTo(registry);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    jvmMeters.close();
    registry.close();
  }

  private static void respondHealth(HttpExchange exchange, Supplier<Health> health)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.equals(exchange.getHttpContext().getPath())) {
      respond(exchange, 404, "application/json", "{\"error\":\"not found\"}");
      return;
    }
    Health current = health.get();
    respond(exchange, current.up() ? 200 : 503, "application/json", current.toJson());
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemonThread(Runnable runnable) {
    Thread thread = new Thread(runnable, "metrics-http");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * A component's health.
   *
   * @param up whether it is healthy
   * @param detail what is wrong when it is not ("" when healthy)
   */
  public record Health(boolean up, String detail) {
    public static Health healthy() {
      return new Health(true, "");
    }

    public static Health unhealthy(String detail) {
      return new Health(false, detail);
    }

    String toJson() {
      String escaped = detail.replace("\\", "\\\\").replace("\"", "\\\"");
      return up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"detail\":\"" + escaped + "\"}";
    }
  }
}
