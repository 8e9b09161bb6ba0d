package dev.taxiplatform.orchestrator.pipeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** When a task may run, given its upstream tasks' states (as Airflow's trigger rules). */
public enum TriggerRule {
  /** Every upstream task succeeded (the default). */
  ALL_SUCCESS,
  /** Every upstream task failed. */
  ALL_FAILED,
  /** Every upstream task finished, whatever its outcome. */
  ALL_DONE,
  /** At least one upstream task succeeded (runs as soon as one does). */
  ONE_SUCCESS,
  /** At least one upstream task failed (runs as soon as one does). */
  ONE_FAILED,
  /** No upstream task failed: each succeeded or was skipped. */
  NONE_FAILED,
  /** Always runs, once its upstream tasks finished or not. */
  ALWAYS;

  /** The rule's name in pipeline files. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TriggerRule> fromKey(String key) {
    return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
  }

  public static String allowed() {
    return Arrays.stream(values()).map(TriggerRule::key).collect(Collectors.joining(", "));
  }
}
