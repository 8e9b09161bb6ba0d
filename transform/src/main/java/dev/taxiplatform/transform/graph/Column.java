package dev.taxiplatform.transform.graph;

import java.util.Objects;

/**
 * A documented column of a model, seed or source.
 *
 * @param name the column's name
 * @param description its description (docs blocks rendered)
 * @param dataType the declared data type, or empty
 */
public record Column(String name, String description, String dataType) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(dataType, "dataType");
  }
}
