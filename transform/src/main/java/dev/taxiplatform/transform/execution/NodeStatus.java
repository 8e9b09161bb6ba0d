package dev.taxiplatform.transform.execution;

import java.util.Locale;

/** The outcome of one node, as dbt's run results name it. */
public enum NodeStatus {
  SUCCESS,
  ERROR,
  SKIPPED,
  PASS,
  FAIL,
  WARN;

  /** The name in {@code run_results.json}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether dependents may run after this outcome. */
  public boolean letsDependentsRun() {
    return this == SUCCESS || this == PASS || this == WARN;
  }
}
