package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a project's singular tests ({@code .sql} files of its test paths, not {@code generic/}).
 */
final class SingularTestParser {
  private final ParseResults results;
  private final ConfigTrees trees;
  private final ParseRenderer renderer;

  SingularTestParser(ParseResults results, ConfigTrees trees, ParseRenderer renderer) {
    this.results = Objects.requireNonNull(results, "results");
    this.trees = Objects.requireNonNull(trees, "trees");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  void parse(ProjectSettings project) {
    for (String testPath : project.testPaths()) {
      for (ProjectFiles.Found file :
          ProjectFiles.find(project.root(), List.of(testPath), List.of(".sql"))) {
        if (file.relative().startsWith("generic/")) {
          continue;
        }
        String raw = ProjectFiles.read(file.file());
        Node node = FileNodes.of(ResourceType.TEST, project, file, raw);
        node.checksum(TestNames.sha256(raw));
        Map<String, Object> config = FileNodes.testDefaults();
        config.putAll(trees.resolve(project, ProjectSettings::testConfigs, node.fqn()));
        results.addNode(node, config);
        results.fileConfig(node.uniqueId(), renderer.capture(node, NodeConfig.of(config)));
      }
    }
  }
}
