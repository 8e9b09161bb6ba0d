package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads a project's seeds ({@code .csv} files of its seed paths). */
final class SeedParser {
  private final ParseResults results;
  private final ConfigTrees trees;

  SeedParser(ParseResults results, ConfigTrees trees) {
    this.results = Objects.requireNonNull(results, "results");
    this.trees = Objects.requireNonNull(trees, "trees");
  }

  void parse(ProjectSettings project) {
    for (ProjectFiles.Found file :
        ProjectFiles.find(project.root(), project.seedPaths(), List.of(".csv"))) {
      Node node = FileNodes.of(ResourceType.SEED, project, file, "");
      node.checksum(TestNames.sha256(ProjectFiles.read(file.file())));
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("materialized", "seed");
      config.putAll(trees.resolve(project, ProjectSettings::seedConfigs, node.fqn()));
      results.addNode(node, config);
    }
  }
}
