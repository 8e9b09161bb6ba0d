package dev.taxiplatform.transform.graph;

import java.util.Locale;

/** The kinds of nodes in a project's graph. */
public enum ResourceType {
  MODEL,
  SEED,
  SNAPSHOT,
  TEST,
  SOURCE;

  /** The name dbt uses ({@code model}, {@code seed}, ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
