package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads a project's models ({@code .sql} files of its model paths). */
final class ModelParser {
  private final ParseResults results;
  private final ConfigTrees trees;
  private final ParseRenderer renderer;

  ModelParser(ParseResults results, ConfigTrees trees, ParseRenderer renderer) {
    this.results = Objects.requireNonNull(results, "results");
    this.trees = Objects.requireNonNull(trees, "trees");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  void parse(ProjectSettings project) {
    for (ProjectFiles.Found file :
        ProjectFiles.find(project.root(), project.modelPaths(), List.of(".sql"))) {
      String raw = ProjectFiles.read(file.file());
      Node node = FileNodes.of(ResourceType.MODEL, project, file, raw);
      Node existing = results.nodes().get(node.uniqueId());
      if (existing != null) {
        throw new ProjectException(
            "Two models are named '%s': %s and %s. Model names must be unique."
                .formatted(node.name(), existing.originalFilePath(), file.originalFilePath()));
      }
      node.checksum(TestNames.sha256(raw));
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("materialized", "view");
      config.putAll(trees.resolve(project, ProjectSettings::modelConfigs, node.fqn()));
      results.addNode(node, config);
      results.fileConfig(node.uniqueId(), renderer.capture(node, NodeConfig.of(config)));
    }
  }
}
