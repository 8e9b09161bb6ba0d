package dev.taxiplatform.orchestrator.state;

import java.util.Locale;

/** A task instance's state within a run. */
public enum TaskState {
  /** Not started: waiting for its upstream tasks. */
  NONE,
  RUNNING,
  /** An attempt failed; another one is due at the instance's next attempt time. */
  UP_FOR_RETRY,
  SUCCESS,
  FAILED,
  /** Not run: an upstream task failed, so its trigger rule can never hold. */
  UPSTREAM_FAILED,
  /** Not run: its trigger rule can never hold for another reason. */
  SKIPPED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TaskState of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }

  public boolean finished() {
    return this == SUCCESS || this == FAILED || this == UPSTREAM_FAILED || this == SKIPPED;
  }

  /** Counts as failed for trigger rules. */
  public boolean failedLike() {
    return this == FAILED || this == UPSTREAM_FAILED;
  }
}
