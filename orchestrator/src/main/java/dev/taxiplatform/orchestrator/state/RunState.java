package dev.taxiplatform.orchestrator.state;

import java.util.Locale;

/** A pipeline run's state. */
public enum RunState {
  QUEUED,
  RUNNING,
  SUCCESS,
  FAILED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunState of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }

  public boolean finished() {
    return this == SUCCESS || this == FAILED;
  }
}
