package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.retry.Backoff;
import java.time.Duration;
import java.time.Instant;

/**
 * When to restart one service that crashed or stopped serving: never give up (a stack that runs
 * unattended must heal once the cause is gone), but wait longer after each restart that did not
 * hold, so a service that cannot start does not spin. A service healthy for {@link #STABLE_AFTER}
 * since its last restart starts again from the shortest wait. Not thread-safe.
 */
final class RestartPolicy {
  /** Healthy this long after a restart, a service counts as recovered. */
  static final Duration STABLE_AFTER = Duration.ofMinutes(10);

  private final Backoff backoff;
  private int unstableRestarts;
  private Instant lastRestart;

  RestartPolicy(Backoff backoff) {
    this.backoff = requireNonNull(backoff, "backoff");
  }

  /** The stack's policy: 2 s after the first failure, doubling up to 5 minutes. */
  static RestartPolicy standard() {
    return new RestartPolicy(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)));
  }

  /** How long to wait before restarting a service that failed at {@code now}. */
  Duration delayAfterFailure(Instant now) {
    if (lastRestart != null && !now.isBefore(lastRestart.plus(STABLE_AFTER))) {
      unstableRestarts = 0;
    }
    return backoff.delay(unstableRestarts + 1);
  }

  /** Notes a restart made at {@code now}. */
  void restarted(Instant now) {
    unstableRestarts++;
    lastRestart = now;
  }
}
