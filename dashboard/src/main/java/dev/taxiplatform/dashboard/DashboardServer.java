package dev.taxiplatform.dashboard;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.taxiplatform.core.config.ServerSettings;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.metrics.JvmMeters;
import dev.taxiplatform.dashboard.data.DashboardData;
import dev.taxiplatform.dashboard.data.MartQueries;
import dev.taxiplatform.dashboard.web.DashboardWeb;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running dashboard: a small read-only connection pool to the warehouse, the marts' queries
 * with their kept results, and the web server.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final HikariDataSource pool;
  private final DashboardData data;
  private final DashboardWeb web;
  private final String localHost;
  private final JvmMeters jvmMeters;

  private DashboardServer(
      HikariDataSource pool,
      DashboardData data,
      DashboardWeb web,
      String localHost,
      JvmMeters jvmMeters) {
    this.pool = pool;
    this.data = data;
    this.web = web;
    this.localHost = localHost;
    this.jvmMeters = jvmMeters;
  }

  /**
   * What to serve.
   *
   * @param warehouse the (read-only) login to query the marts with
   * @param martsSchema the marts' schema ({@link MartQueries#MARTS_SCHEMA})
   * @param bindHost the address to listen on ({@code 0.0.0.0}: every interface)
   * @param port the port (0: a free one)
   * @param poolSize most connections held
   * @param refreshInterval how often the page refreshes; results are kept this long
   * @param orchestratorUrl where the orchestrator's UI is, when known
   * @param timeZone the business time zone the marts' dates and hours are local to
   */
  public record Options(
      WarehouseConnection warehouse,
      String martsSchema,
      String bindHost,
      int port,
      int poolSize,
      Duration refreshInterval,
      Supplier<Optional<URI>> orchestratorUrl,
      ZoneId timeZone) {
    public Options {
      requireNonNull(warehouse, "warehouse");
      requireNonNull(martsSchema, "martsSchema");
      requireNonNull(bindHost, "bindHost");
      requireNonNull(refreshInterval, "refreshInterval");
      requireNonNull(orchestratorUrl, "orchestratorUrl");
      requireNonNull(timeZone, "timeZone");
    }
  }

  /** Starts serving; the warehouse need not be reachable yet. */
  public static DashboardServer start(Options options) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmMeters jvmMeters = JvmMeters.bindTo(registry);
    HikariDataSource pool = pool(options.warehouse(), options.poolSize(), registry);
    try {
      DashboardData data =
          new DashboardData(
              new MartQueries(pool, options.martsSchema()),
              options.refreshInterval(),
              options.orchestratorUrl(),
              registry,
              options.timeZone(),
              Clock.systemUTC());
      DashboardWeb web = DashboardWeb.start(options.bindHost(), options.port(), data, registry);
      return new DashboardServer(
          pool, data, web, ServerSettings.localHostOf(options.bindHost()), jvmMeters);
    } catch (RuntimeException e) {
      pool.close();
      jvmMeters.close();
      throw e;
    }
  }

  public int port() {
    return web.port();
  }

  /** The page's address, as reached from this machine. */
  public URI url() {
    return URI.create("http://%s:%d/".formatted(localHost, port()));
  }

  public DashboardData data() {
    return data;
  }

  @Override
  public void close() {
    web.close();
    pool.close();
    jvmMeters.close();
  }

  private static HikariDataSource pool(
      WarehouseConnection warehouse, int size, PrometheusMeterRegistry registry) {
    HikariConfig config = new HikariConfig();
    config.setMetricRegistry(registry);
    config.setJdbcUrl(warehouse.jdbcUrl());
    config.setUsername(warehouse.user());
    config.setPassword(warehouse.password());
    config.setPoolName("dashboard");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setReadOnly(true);
    config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
    // Start without the warehouse: the page says it is unreachable and retries.
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
    config.addDataSourceProperty("ApplicationName", "taxi-platform-dashboard");
    config.addDataSourceProperty(
        "options", "-c statement_timeout=%d".formatted(STATEMENT_TIMEOUT.toMillis()));
    return new HikariDataSource(config);
  }
}
