package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a project's snapshots: {@code {% snapshot name %} ... {% endsnapshot %}} blocks in the
 * {@code .sql} files of its snapshot paths, and those a property file defines with {@code
 * relation:} (dbt 1.9's YAML snapshots).
 */
final class SnapshotParser {
  private static final Pattern BLOCK =
      Pattern.compile(
          "\\{%-?\\s*snapshot\\s+([A-Za-z_]\\w*)\\s*-?%}(.*?)\\{%-?\\s*endsnapshot\\s*-?%}",
          Pattern.DOTALL);

  private final ParseResults results;
  private final ConfigTrees trees;
  private final ParseRenderer renderer;

  SnapshotParser(ParseResults results, ConfigTrees trees, ParseRenderer renderer) {
    this.results = Objects.requireNonNull(results, "results");
    this.trees = Objects.requireNonNull(trees, "trees");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  void parse(ProjectSettings project) {
    for (ProjectFiles.Found file :
        ProjectFiles.find(project.root(), project.snapshotPaths(), List.of(".sql"))) {
      String text = ProjectFiles.read(file.file());
      Matcher block = BLOCK.matcher(text);
      while (block.find()) {
        add(
            project,
            block.group(1),
            file.originalFilePath(),
            file.relative(),
            file.directories(),
            block.group(2));
      }
    }
  }

  /** A snapshot defined in a property file: {@code select * from} its {@code relation:}. */
  void addFromProperties(ProjectSettings project, String name, String relation, String origin) {
    add(
        project,
        name,
        origin,
        origin.substring(origin.indexOf('/') + 1),
        List.of(),
        "select * from {{ " + relation + " }}");
  }

  private void add(
      ProjectSettings project,
      String name,
      String originalFilePath,
      String path,
      List<String> directories,
      String sql) {
    String id = "snapshot." + project.name() + "." + name;
    if (results.nodes().containsKey(id)) {
      throw new ProjectException(
          "Two snapshots are named '%s': %s and %s. Snapshot names must be unique."
              .formatted(name, results.nodes().get(id).originalFilePath(), originalFilePath));
    }
    List<String> fqn = new ArrayList<>();
    fqn.add(project.name());
    fqn.addAll(directories);
    fqn.add(name);
    Node node =
        new Node(id, ResourceType.SNAPSHOT, name, project.name(), originalFilePath, path, fqn, sql);
    node.checksum(TestNames.sha256(sql));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("materialized", "snapshot");
    config.putAll(trees.resolve(project, ProjectSettings::snapshotConfigs, fqn));
    results.addNode(node, config);
    results.fileConfig(id, renderer.capture(node, NodeConfig.of(config)));
  }
}
