package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nodes read from files: named after the file, their fqn the project, the folders and the name. */
final class FileNodes {
  private FileNodes() {}

  static Node of(ResourceType type, ProjectSettings project, ProjectFiles.Found file, String raw) {
    String name = file.baseName();
    List<String> fqn = new ArrayList<>();
    fqn.add(project.name());
    fqn.addAll(file.directories());
    fqn.add(name);
    return new Node(
        type.label() + "." + project.name() + "." + name,
        type,
        name,
        project.name(),
        file.originalFilePath(),
        file.relative(),
        fqn,
        raw);
  }

  /** A data test's config before the project's and its own. */
  static Map<String, Object> testDefaults() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("materialized", "test");
    config.put("severity", "ERROR");
    config.put("warn_if", "!= 0");
    config.put("error_if", "!= 0");
    config.put("fail_calc", "count(*)");
    config.put("store_failures", null);
    config.put("where", null);
    config.put("limit", null);
    return config;
  }
}
