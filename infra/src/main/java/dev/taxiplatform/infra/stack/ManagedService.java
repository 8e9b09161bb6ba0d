package dev.taxiplatform.infra.stack;

import dev.taxiplatform.core.stack.ServiceState;
import java.time.Duration;
import java.util.Optional;

/** One piece of the local stack as the supervisor manages it. */
interface ManagedService {
  String name();

  /** Starts it without waiting for it to be healthy (nothing to start for an external server). */
  void start();

  /** Empty when healthy, else what is wrong. */
  Optional<String> problem();

  /** The exit code, once the service's process has ended (never for an external server). */
  Optional<Integer> exitCode();

  /**
   * Restarts the service: stops what is left of it (a process that no longer serves) and starts it
   * again without waiting for it to be healthy. False when it cannot be restarted (an external
   * server).
   */
  boolean restart();

  /**
   * True when failed health checks mean the service itself must be restarted: so for the servers
   * the stack runs. A component's health also reports the servers it depends on (a sink waiting for
   * S3 is unhealthy), which its restart would not fix; a component that cannot go on exits.
   */
  boolean restartWhenUnhealthy();

  /** Stops it: politely, then after {@code grace} firmly. */
  void stop(Duration grace);

  /** The last lines of its log, for reporting a failure. */
  String logTail();

  /** Its state, as recorded in the stack's state file. */
  ServiceState state(ServiceState.Health health);
}
