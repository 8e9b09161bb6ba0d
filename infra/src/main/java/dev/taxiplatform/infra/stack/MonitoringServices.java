package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentLaunch;
import dev.taxiplatform.core.config.MonitoringSettings;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.metrics.SummaryPusher;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monitoring of the local stack ({@code platform up --with monitoring}): Debian's Prometheus,
 * Pushgateway and PostgreSQL exporter, run as the stack's own child processes, and Prometheus's JMX
 * exporter agent in the embedded Kafka broker. Prometheus scrapes every service of the stack and
 * evaluates the platform's alert rules ({@code deploy/monitoring/rules}), the same files a
 * Kubernetes deployment embeds.
 */
final class MonitoringServices {
  /** The name {@code platform up --with} takes. */
  static final String NAME = "monitoring";

  static final String PROMETHEUS = "prometheus";
  static final String POSTGRES_EXPORTER = "postgres-exporter";
  static final int PUSHGATEWAY_PORT = 9091;
  static final int POSTGRES_EXPORTER_PORT = 9187;
  static final int KAFKA_EXPORTER_PORT = 9404;
  private static final String LOOPBACK = "127.0.0.1";
  private static final String INSTALL_HINT =
      "install Debian's packages (`apt-get install prometheus prometheus-pushgateway"
          + " prometheus-postgres-exporter`) or start the stack without --with monitoring";

  private final StackLayout layout;
  private final Path home;
  private final Path directory;

  /**
   * @param layout the stack's data directory
   * @param home the platform's installation (holds {@code deploy/monitoring})
   */
  MonitoringServices(StackLayout layout, Path home) {
    this.layout = requireNonNull(layout, "layout");
    this.home = requireNonNull(home, "home");
    this.directory = layout.dataDir().resolve("monitoring");
  }

  /** The platform's own alert rules, which Prometheus loads unless told otherwise. */
  Path shippedRules() {
    return home.resolve("deploy/monitoring/rules");
  }

  /** The Pushgateway, which keeps the last summary of each batch, load and transform run. */
  ManagedService pushgateway(int port) {
    Path binary = binary("prometheus-pushgateway");
    return new ChildService(
        SummaryPusher.PUSHGATEWAY_SERVICE,
        ServiceState.Kind.EMBEDDED,
        url(port),
        () ->
            ComponentLaunch.of(
                new ProcessBuilder(
                    binary.toString(),
                    "--web.listen-address=" + LOOPBACK + ":" + port,
                    "--persistence.file=" + directory.resolve("pushgateway.data"),
                    "--persistence.interval=30s")),
        layout.logFile(SummaryPusher.PUSHGATEWAY_SERVICE),
        HealthProbes.http(URI.create(url(port) + "/-/ready")));
  }

  /**
   * The PostgreSQL exporter: the server's own statistics plus the platform's queries (the marts'
   * freshness), as {@code login}.
   */
  ManagedService postgresExporter(int port, WarehouseConnection login) {
    Path binary = binary("prometheus-postgres-exporter");
    Path queries = requireFile(home.resolve("deploy/monitoring/postgres-exporter/queries.yaml"));
    return new ChildService(
        POSTGRES_EXPORTER,
        ServiceState.Kind.EMBEDDED,
        url(port),
        () -> {
          ProcessBuilder builder =
              new ProcessBuilder(
                  binary.toString(),
                  "--web.listen-address=" + LOOPBACK + ":" + port,
                  "--extend.query-path=" + queries);
          builder.environment().put("DATA_SOURCE_NAME", dataSourceName(login));
          return ComponentLaunch.of(builder);
        },
        layout.logFile(POSTGRES_EXPORTER),
        HealthProbes.http(URI.create(url(port) + "/metrics")));
  }

  /**
   * Prometheus on {@code port}, scraping {@code targets} with the rule files of {@code
   * configuredRules}, else the platform's own.
   */
  ManagedService prometheus(int port, List<ScrapeTarget> targets, Optional<Path> configuredRules) {
    Path binary = binary("prometheus");
    Path rules = configuredRules.orElseGet(this::shippedRules).toAbsolutePath();
    if (!Files.isDirectory(rules)) {
      throw new PlatformException(
          ExitCodes.USAGE,
          configuredRules.isPresent()
              ? "No directory of alert rules at %s: set %s to a directory of rule files (*.yml)"
                  .formatted(rules, MonitoringSettings.RULES_DIR.name())
              : "No alert rules at %s: is the platform installed whole?".formatted(rules));
    }
    List<ScrapeTarget> all = new ArrayList<>(targets);
    all.add(new ScrapeTarget(PROMETHEUS, LOOPBACK + ":" + port, false));
    Path config = directory.resolve("prometheus.yml");
    return new ChildService(
        PROMETHEUS,
        ServiceState.Kind.EMBEDDED,
        url(port),
        () -> {
          write(config, PrometheusConfigFile.render(all, List.of(rules.resolve("*.yml"))));
          return ComponentLaunch.of(
              new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + directory.resolve("prometheus"),
                  "--storage.tsdb.retention.time=15d",
                  "--web.listen-address=" + LOOPBACK + ":" + port,
                  "--web.enable-lifecycle"));
        },
        layout.logFile(PROMETHEUS),
        HealthProbes.http(URI.create(url(port) + "/-/ready")));
  }

  private static String url(int port) {
    return "http://%s:%d".formatted(LOOPBACK, port);
  }

  private static String dataSourceName(WarehouseConnection login) {
    return "postgresql://%s:%s@%s:%d/%s?sslmode=disable"
        .formatted(
            encode(login.user()),
            encode(login.password()),
            login.host(),
            login.port(),
            encode(login.database()));
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new PlatformException(
          ExitCodes.USAGE, "Missing %s: is the platform installed whole?".formatted(file));
    }
    return file;
  }

  /** The executable {@code name} on the PATH. */
  static Path binary(String name) {
    return onPath(name)
        .orElseThrow(
            () ->
                new PlatformException(
                    ExitCodes.UNAVAILABLE,
                    "`%s` is not installed (needed by --with monitoring): %s."
                        .formatted(name, INSTALL_HINT)));
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(":")) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
