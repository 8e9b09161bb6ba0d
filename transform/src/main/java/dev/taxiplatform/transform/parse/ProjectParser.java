package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.compile.RunSettings;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.jinja.JinjaEngine;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses a dbt project and its installed packages, one parser per resource type as dbt does:
 * macros, docs, models, seeds, snapshots, singular tests, property files (with sources), then
 * generic tests, dependencies and relation names.
 */
public final class ProjectParser {
  private final RunSettings settings;
  private final List<ProjectSettings> packages;

  /**
   * @param settings the invocation's settings (the root project among them)
   * @param packages the installed packages, each read as a project
   */
  public ProjectParser(RunSettings settings, List<ProjectSettings> packages) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.packages = List.copyOf(packages);
  }

  /** Parses the project. */
  public ParsedProject parse() {
    ProjectSettings root = settings.project();
    List<ProjectSettings> projects = new ArrayList<>(packages);
    projects.add(root);
    MacroParser macros = new MacroParser().parse(packages, root);
    JinjaEngine engine = JinjaEngine.create(macros.files(), List.of());
    Map<String, String> docs = new LinkedHashMap<>();
    for (ProjectSettings project : projects) {
      docs.putAll(DocsParser.parse(project));
    }
    ParseResults results = new ParseResults();
    ConfigTrees trees = new ConfigTrees(root);
    ParseRenderer renderer = new ParseRenderer(settings, engine, docs);
    ModelParser models = new ModelParser(results, trees, renderer);
    SeedParser seeds = new SeedParser(results, trees);
    SingularTestParser tests = new SingularTestParser(results, trees, renderer);
    SnapshotParser snapshots = new SnapshotParser(results, trees, renderer);
    PropertiesParser properties =
        new PropertiesParser(
            results,
            renderer,
            new SourceParser(results, renderer, settings.target().database()),
            snapshots);
    for (ProjectSettings project : projects) {
      models.parse(project);
      seeds.parse(project);
      snapshots.parse(project);
      tests.parse(project);
    }
    for (ProjectSettings project : projects) {
      properties.parse(project);
    }
    results.applyConfigs();
    List<Node> disabled = results.removeDisabled();
    Map<String, ProjectSettings> byName = new LinkedHashMap<>();
    projects.forEach(p -> byName.put(p.name(), p));
    new GenericTestBuilder(results, trees, engine, byName).build();
    new DependencyResolver(
            results, root.name(), packages.stream().map(ProjectSettings::name).toList())
        .resolve();
    new RelationNamer(settings, renderer, macros.definitions().values())
        .name(results.nodes().values());
    Manifest manifest =
        new Manifest(
            root.name(), results.nodes(), results.sources(), macros.definitions(), docs, disabled);
    return new ParsedProject(manifest, engine);
  }
}
