package dev.taxiplatform.transform.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads {@code dbt_project.yml}, rendering {@code env_var()} and {@code var()} in its values. */
public final class ProjectSettingsLoader {
  private final YamlReader yaml = new YamlReader();
  private final Map<String, String> environment;

  public ProjectSettingsLoader(Map<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Loads the project in {@code projectDir}; {@code cliVars} override the project's vars. */
  public ProjectSettings load(Path projectDir, Map<String, Object> cliVars) {
    Path file = projectDir.resolve("dbt_project.yml");
    if (!Files.isRegularFile(file)) {
      throw new ProjectException(
          "No dbt_project.yml in %s. Pass --project-dir with the directory of a dbt project."
              .formatted(projectDir.toAbsolutePath().normalize()));
    }
    Map<String, Object> raw = yaml.read(file, "project file");
    Map<String, Object> vars =
        new LinkedHashMap<>(
            Yaml.map(
                new ValueRenderer(environment, cliVars).render(raw.get("vars"), file.toString())));
    vars.putAll(cliVars);
    ValueRenderer renderer = new ValueRenderer(environment, vars);
    Map<String, Object> rendered = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : raw.entrySet()) {
      rendered.put(
          entry.getKey(),
          switch (entry.getKey()) {
            case "vars" -> vars;
            // Run hooks are rendered when they run, with the run's schemas and results.
            case "on-run-start", "on-run-end" -> entry.getValue();
            default -> renderer.render(entry.getValue(), file.toString());
          });
    }
    String name = Yaml.string(rendered.get("name"), null);
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ProjectException(
          "%s: 'name' must be set to a name of letters, digits and underscores (got %s)"
              .formatted(file, name));
    }
    List<String> modelPaths = paths(rendered, "model-paths", "source-paths", List.of("models"));
    List<String> seedPaths = paths(rendered, "seed-paths", "data-paths", List.of("seeds"));
    List<String> testPaths = paths(rendered, "test-paths", null, List.of("tests"));
    List<String> macroPaths = paths(rendered, "macro-paths", null, List.of("macros"));
    List<String> snapshotPaths = paths(rendered, "snapshot-paths", null, List.of("snapshots"));
    List<String> defaultDocs = new ArrayList<>();
    defaultDocs.addAll(modelPaths);
    defaultDocs.addAll(seedPaths);
    defaultDocs.addAll(testPaths);
    defaultDocs.addAll(snapshotPaths);
    defaultDocs.addAll(macroPaths);
    defaultDocs.add("docs");
    List<String> docsPaths = paths(rendered, "docs-paths", null, defaultDocs);
    Map<String, Object> testConfigs =
        Yaml.map(
            rendered.containsKey("data_tests")
                ? rendered.get("data_tests")
                : rendered.get("tests"));
    return new ProjectSettings(
        projectDir,
        name,
        Yaml.string(rendered.get("profile"), name),
        modelPaths,
        seedPaths,
        testPaths,
        snapshotPaths,
        macroPaths,
        docsPaths,
        Yaml.string(rendered.get("target-path"), "target"),
        vars,
        Yaml.map(rendered.get("models")),
        Yaml.map(rendered.get("seeds")),
        testConfigs,
        Yaml.map(rendered.get("snapshots")),
        Yaml.map(rendered.get("sources")),
        Yaml.string(rendered.get("packages-install-path"), "dbt_packages"),
        dispatch(rendered.get("dispatch"), file),
        Yaml.strings(rendered.get("on-run-start")),
        Yaml.strings(rendered.get("on-run-end")));
  }

  private static Map<String, List<String>> dispatch(Object value, Path file) {
    Map<String, List<String>> dispatch = new LinkedHashMap<>();
    for (Object entry : Yaml.list(value)) {
      Map<String, Object> config = Yaml.map(entry);
      String namespace = Yaml.string(config.get("macro_namespace"), null);
      List<String> order = Yaml.strings(config.get("search_order"));
      if (namespace == null || order.isEmpty()) {
        throw new ProjectException(
            "%s: each dispatch: entry needs macro_namespace and search_order, e.g.".formatted(file)
                + " {macro_namespace: dbt_utils, search_order: [my_project, dbt_utils]}");
      }
      dispatch.put(namespace, order);
    }
    return dispatch;
  }

  private static List<String> paths(
      Map<String, Object> project, String key, String legacyKey, List<String> fallback) {
    Object value = project.get(key);
    if (value == null && legacyKey != null) {
      value = project.get(legacyKey);
    }
    return value == null ? fallback : Yaml.strings(value);
  }
}
