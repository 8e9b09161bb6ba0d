package dev.taxiplatform.transform.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a generic test instance tests.
 *
 * @param name the generic test ({@code not_null}, {@code accepted_values}, ...)
 * @param kwargs its arguments as written (without {@code model})
 * @param columnName the tested column, or null for a model-level test
 * @param attachedTo the unique id of the tested model, seed or source
 */
public record TestMetadata(
    String name, Map<String, Object> kwargs, String columnName, String attachedTo) {
  public TestMetadata {
    Objects.requireNonNull(name, "name");
    kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    Objects.requireNonNull(attachedTo, "attachedTo");
  }
}
