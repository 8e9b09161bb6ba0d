package dev.taxiplatform.transform.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table declared under {@code sources:}: data the project reads but does not build.
 *
 * @param uniqueId {@code source.<project>.<source>.<table>}
 * @param sourceName the source's name
 * @param name the table's name in the project
 * @param database the database
 * @param schema the schema (the source's {@code schema}, default its name)
 * @param identifier the table's name in the database
 * @param originalFilePath the property file declaring it
 * @param description the table's description
 * @param sourceDescription the source's description
 * @param columns documented columns
 * @param fqn the fully qualified name
 * @param tags tags
 * @param loader the {@code loader} property
 */
public record SourceTable(
    String uniqueId,
    String sourceName,
    String name,
    String database,
    String schema,
    String identifier,
    String originalFilePath,
    String description,
    String sourceDescription,
    Map<String, Column> columns,
    List<String> fqn,
    List<String> tags,
    String loader) {
  public SourceTable {
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(identifier, "identifier");
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    fqn = List.copyOf(fqn);
    tags = List.copyOf(tags);
  }
}
