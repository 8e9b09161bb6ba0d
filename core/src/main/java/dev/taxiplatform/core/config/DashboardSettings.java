package dev.taxiplatform.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the analytics dashboard ({@code platform dashboard}).
 *
 * @param port port of its page, JSON API, /metrics and /health
 * @param user the read-only login role it queries the warehouse as
 * @param password that role's password (generated for the embedded server when unset)
 * @param refreshInterval how often the page refreshes; query results are cached this long
 * @param poolSize most warehouse connections it holds
 * @param orchestratorUrl the orchestrator's UI, linked from the data freshness panel (unset: the
 *     local stack's orchestrator, when it runs)
 */
public record DashboardSettings(
    int port,
    String user,
    Optional<String> password,
    Duration refreshInterval,
    int poolSize,
    Optional<URI> orchestratorUrl) {
  public static final ConfigKey<Integer> PORT =
      ConfigKey.builder("dashboard.port", ValueTypes.port())
          .env("DASHBOARD_PORT")
          .defaultValue(8501)
          .description(
              "Port of the dashboard's page, JSON API, /metrics and /health (the next free port if"
                  + " taken).")
          .build();

  public static final ConfigKey<String> USER =
      ConfigKey.builder("dashboard.user", ValueTypes.text())
          .env("DASHBOARD_USER")
          .defaultValue("platform_reader")
          .description(
              "Read-only login role the dashboard queries the warehouse as (the embedded PostgreSQL"
                  + " creates it).")
          .build();

  public static final ConfigKey<String> PASSWORD =
      ConfigKey.builder("dashboard.password", ValueTypes.text())
          .env("DASHBOARD_PASSWORD")
          .secret()
          .description(
              "Password of the read-only role; generated for the embedded server when unset.")
          .build();

  public static final ConfigKey<Duration> REFRESH_INTERVAL =
      ConfigKey.builder("dashboard.refresh-interval", ValueTypes.duration("s"))
          .env("DASHBOARD_REFRESH_INTERVAL")
          .defaultValue(Duration.ofSeconds(30))
          .description(
              "How often the dashboard page refreshes; query results are cached this long (a bare"
                  + " number means seconds).")
          .build();

  public static final ConfigKey<Integer> POOL_SIZE =
      ConfigKey.builder("dashboard.pool-size", ValueTypes.integer(1, 64))
          .env("DASHBOARD_POOL_SIZE")
          .defaultValue(4)
          .description("Most warehouse connections the dashboard holds.")
          .build();

  public static final ConfigKey<URI> ORCHESTRATOR_URL =
      ConfigKey.builder("dashboard.orchestrator-url", ValueTypes.httpUrl())
          .env("DASHBOARD_ORCHESTRATOR_URL")
          .description(
              "The orchestrator's UI, linked from the dashboard; unset: the local stack's"
                  + " orchestrator, when it runs.")
          .build();

  public static final List<ConfigKey<?>> KEYS =
      List.of(PORT, USER, PASSWORD, REFRESH_INTERVAL, POOL_SIZE, ORCHESTRATOR_URL);

  /** The dashboard settings of {@code config}. */
  public static DashboardSettings from(PlatformConfig config) {
    return new DashboardSettings(
        config.get(PORT),
        config.get(USER),
        config.find(PASSWORD),
        config.get(REFRESH_INTERVAL),
        config.get(POOL_SIZE),
        config.find(ORCHESTRATOR_URL));
  }
}
