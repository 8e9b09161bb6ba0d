package dev.taxiplatform.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the platform's long-running processes serve and stop: the address every server listens on
 * (embedded Kafka, S3 and PostgreSQL, the sink's and producer's metrics, orchestrator, dashboard),
 * how long a process may take to stop, and where its log lines go.
 *
 * @param bindHost the address servers listen on; {@code 0.0.0.0} or {@code ::} for every interface
 * @param shutdownTimeout the longest a component takes to stop gracefully after SIGTERM
 * @param logTarget the console stream log lines are written to
 */
public record ServerSettings(String bindHost, Duration shutdownTimeout, LogTarget logTarget) {
  /** The loopback address: servers are reachable from this machine only. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::");

  /** The console stream a process logs to. */
  public enum LogTarget {
    /** Standard error; {@code platform up} writes each service's to its log file. */
    STDERR,
    /** Standard output, where container runtimes collect a container's log. */
    STDOUT
  }

  public static final ConfigKey<String> BIND_HOST =
      ConfigKey.builder("server.bind-host", ValueTypes.host())
          .env("PLATFORM_BIND_HOST")
          .defaultValue(LOOPBACK)
          .description(
              "Address every server listens on (embedded Kafka, S3, PostgreSQL; sink and producer"
                  + " metrics; orchestrator; dashboard): 127.0.0.1 serves this machine only,"
                  + " 0.0.0.0 every interface (in a container).")
          .build();

  public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT =
      ConfigKey.builder("server.shutdown-timeout", ValueTypes.duration("s"))
          .env("PLATFORM_SHUTDOWN_TIMEOUT")
          .defaultValue(Duration.ofSeconds(25))
          .description(
              "The longest a component takes to stop on SIGTERM (write and commit open batches,"
                  + " record running attempts, close servers); keep it below the container's"
                  + " grace period.")
          .build();

  public static final ConfigKey<LogTarget> LOG_TARGET =
      ConfigKey.builder("log.target", ValueTypes.oneOf(LogTarget.class))
          .env("PLATFORM_LOG_TARGET")
          .defaultValue(LogTarget.STDERR)
          .description(
              "Console stream of log lines: stderr (`platform up` keeps each service's in"
                  + " <data-dir>/logs) or stdout (containers); read from the environment at start.")
          .build();

  public static final List<ConfigKey<?>> KEYS = List.of(BIND_HOST, SHUTDOWN_TIMEOUT, LOG_TARGET);

  static ServerSettings from(PlatformConfig config) {
    return new ServerSettings(
        config.get(BIND_HOST), config.get(SHUTDOWN_TIMEOUT), config.get(LOG_TARGET));
  }

  /** True when servers listen on every interface rather than one address. */
  public boolean bindsEveryInterface() {
    return isWildcard(bindHost);
  }

  /**
   * The address a client on this machine reaches a server bound here by: the bind address, or the
   * loopback address when servers listen on every interface.
   */
  public String localHost() {
    return localHostOf(bindHost);
  }

  /** {@link #localHost()} of a server bound to {@code bindHost}. */
  public static String localHostOf(String bindHost) {
    return isWildcard(bindHost) ? LOOPBACK : bindHost;
  }

  /** {@code host} as written in a URI or listener address: an IPv6 address in brackets. */
  public static String inUri(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** True when {@code host} stands for every interface ({@code 0.0.0.0} or {@code ::}). */
  public static boolean isWildcard(String host) {
    return WILDCARDS.contains(host);
  }
}
