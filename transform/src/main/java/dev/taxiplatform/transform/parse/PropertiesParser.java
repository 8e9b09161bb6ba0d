package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.graph.Column;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import dev.taxiplatform.transform.project.Yaml;
import dev.taxiplatform.transform.project.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a project's property files ({@code .yml} in its model, seed, snapshot and test paths):
 * descriptions, columns, configs and generic tests of models and seeds; sources go to the {@link
 * SourceParser}.
 */
final class PropertiesParser {
  private final ParseResults results;
  private final ParseRenderer renderer;
  private final SourceParser sources;
  private final SnapshotParser snapshots;
  private final YamlReader yaml = new YamlReader();

  PropertiesParser(
      ParseResults results,
      ParseRenderer renderer,
      SourceParser sources,
      SnapshotParser snapshots) {
    this.results = Objects.requireNonNull(results, "results");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.sources = Objects.requireNonNull(sources, "sources");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
  }

  void parse(ProjectSettings project) {
    List<String> dirs = new ArrayList<>(project.modelPaths());
    dirs.addAll(project.seedPaths());
    dirs.addAll(project.testPaths());
    dirs.addAll(project.snapshotPaths());
    for (ProjectFiles.Found file :
        ProjectFiles.find(
            project.root(), dirs.stream().distinct().toList(), List.of(".yml", ".yaml"))) {
      Map<String, Object> content = yaml.read(file.file(), "property file");
      String origin = file.originalFilePath();
      for (Object entry : Yaml.list(content.get("models"))) {
        patchNode(project, ResourceType.MODEL, Yaml.map(entry), origin);
      }
      for (Object entry : Yaml.list(content.get("seeds"))) {
        patchNode(project, ResourceType.SEED, Yaml.map(entry), origin);
      }
      for (Object entry : Yaml.list(content.get("snapshots"))) {
        Map<String, Object> snapshot = Yaml.map(entry);
        String name = Yaml.string(snapshot.get("name"), null);
        String id = "snapshot." + project.name() + "." + name;
        if (name != null && !results.nodes().containsKey(id) && snapshot.get("relation") != null) {
          snapshots.addFromProperties(
              project, name, String.valueOf(snapshot.get("relation")), origin);
        }
        patchNode(project, ResourceType.SNAPSHOT, snapshot, origin);
      }
      for (Object entry : Yaml.list(content.get("sources"))) {
        sources.parse(project, Yaml.map(entry), origin);
      }
    }
  }

  private void patchNode(
      ProjectSettings project, ResourceType type, Map<String, Object> entry, String origin) {
    String name = Yaml.string(entry.get("name"), null);
    if (name == null) {
      throw new ProjectException(
          "%s: an entry under %ss lacks 'name'".formatted(origin, type.label()));
    }
    String id = type.label() + "." + project.name() + "." + name;
    Node node = results.nodes().get(id);
    if (node == null) {
      throw new ProjectException(
          "%s documents the %s '%s', which does not exist%s"
              .formatted(
                  origin,
                  type.label(),
                  name,
                  NameSuggestions.nodes(name, type, results.nodes().values())));
    }
    node.patchPath(origin);
    node.description(renderer.describe(entry.get("description"), origin));
    results.propertyConfig(id, new LinkedHashMap<>(Yaml.map(entry.get("config"))));
    String expression = "ref(" + JinjaLiterals.quote(name) + ")";
    for (Object columnEntry : Yaml.list(entry.get("columns"))) {
      Map<String, Object> column = Yaml.map(columnEntry);
      String columnName = Yaml.string(column.get("name"), null);
      if (columnName == null) {
        throw new ProjectException("%s: a column of '%s' lacks 'name'".formatted(origin, name));
      }
      node.putColumn(
          new Column(
              columnName,
              renderer.describe(column.get("description"), origin),
              Yaml.string(column.get("data_type"), "")));
      String testedColumn =
          Boolean.TRUE.equals(column.get("quote")) ? Relation.quote(columnName) : columnName;
      for (Object test : TestSpecReader.tests(column)) {
        results
            .genericTests()
            .add(
                TestSpecReader.read(
                    test, testedColumn, id, name, expression, false, origin, project.name()));
      }
    }
    for (Object test : TestSpecReader.tests(entry)) {
      results
          .genericTests()
          .add(
              TestSpecReader.read(test, null, id, name, expression, false, origin, project.name()));
    }
  }
}
