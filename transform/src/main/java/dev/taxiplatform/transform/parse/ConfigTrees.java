package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.project.ConfigTree;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The config a node gets from {@code dbt_project.yml} config trees: its own project's tree, and for
 * a package's node the root project's tree over it (the root project configures its packages' nodes
 * under their package name, e.g. {@code models: {my_package: {+schema: x}}}).
 */
final class ConfigTrees {
  private final ProjectSettings root;

  ConfigTrees(ProjectSettings root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  Map<String, Object> resolve(
      ProjectSettings project,
      Function<ProjectSettings, Map<String, Object>> tree,
      List<String> fqn) {
    Map<String, Object> config = new LinkedHashMap<>();
    if (!project.name().equals(root.name())) {
      config.putAll(new ConfigTree(tree.apply(project)).resolve(fqn));
    }
    config.putAll(new ConfigTree(tree.apply(root)).resolve(fqn));
    return config;
  }
}
