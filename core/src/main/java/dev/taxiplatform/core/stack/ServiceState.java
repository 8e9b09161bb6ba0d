package dev.taxiplatform.core.stack;

import static java.util.Objects.requireNonNull;

/**
 * One service of the local stack, as the supervisor last saw it.
 *
 * @param name its name: {@code kafka}, {@code s3}, {@code postgres}, or a component's service
 * @param kind what it is
 * @param pid its process id (0 for an external server)
 * @param endpoint where it listens: {@code host:port} or a URL
 * @param health its health
 * @param restarts how often the supervisor restarted it after a crash
 * @param logFile its log file ("" for an external server)
 */
public record ServiceState(
    String name,
    Kind kind,
    long pid,
    String endpoint,
    Health health,
    int restarts,
    String logFile) {
  /** What a service is. */
  public enum Kind {
    /** A server the platform runs (Kafka, S3, PostgreSQL). */
    EMBEDDED,
    /** An existing server the configuration points at. */
    EXTERNAL,
    /** A long-running platform component (the sink, the orchestrator, ...). */
    COMPONENT
  }

  /** A service's health. */
  public enum Health {
    STARTING,
    HEALTHY,
    UNHEALTHY,
    RESTARTING,
    EXITED
  }

  public ServiceState {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(health, "health");
    requireNonNull(logFile, "logFile");
  }

  public ServiceState withHealth(Health newHealth) {
    return new ServiceState(name, kind, pid, endpoint, newHealth, restarts, logFile);
  }
}
