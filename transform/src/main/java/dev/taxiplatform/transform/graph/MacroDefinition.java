package dev.taxiplatform.transform.graph;

import java.util.Objects;

/**
 * A macro (or generic test) of the project, of one of its packages, or built into the engine.
 *
 * @param packageName the package defining it ({@code dbt} for the engine's own)
 * @param name its name ({@code test_<name>} for a generic test)
 * @param path the file defining it
 * @param sql its definition, from {@code {% macro %}} to {@code {% endmacro %}}
 */
public record MacroDefinition(String packageName, String name, String path, String sql) {
  public MacroDefinition {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sql, "sql");
  }
}
