package dev.taxiplatform.core.process;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a process started by the local stack when the stack's supervisor is gone, so a crashed
 * supervisor never leaves servers holding ports and data directories. The process exits through its
 * shutdown hooks, i.e. gracefully.
 */
public final class SupervisorWatchdog {
  /** Environment variable the supervisor sets on every process it starts. */
  public static final String SUPERVISOR_PID_VARIABLE = "PLATFORM_SUPERVISOR_PID";

  private static final Logger LOG = LoggerFactory.getLogger(SupervisorWatchdog.class);
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  private SupervisorWatchdog() {}

  /** Starts watching the supervisor named by the environment, if any. */
  public static void startIfSupervised() {
    supervisorPid().ifPresent(SupervisorWatchdog::watch);
  }

  static Optional<Long> supervisorPid() {
    String value = System.getenv(SUPERVISOR_PID_VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(value.trim()));
  }

  private static void watch(long pid) {
    Optional<ProcessHandle> supervisor = ProcessHandle.of(pid);
    Thread thread =
        new Thread(
            () -> {
              while (supervisor.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                  Thread.sleep(POLL_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
              LOG.warn("The stack supervisor (pid {}) is gone; shutting down.", pid);
              System.exit(0);
            },
            "supervisor-watchdog");
    thread.setDaemon(true);
    thread.start();
  }
}
