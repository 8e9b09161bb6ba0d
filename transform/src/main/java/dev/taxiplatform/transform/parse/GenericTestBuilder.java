package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.graph.TestMetadata;
import dev.taxiplatform.transform.jinja.JinjaEngine;
import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the generic tests written in property files into test nodes: named as dbt names them, their
 * SQL a call of the test's macro ({@code test_<name>}, or {@code <package>.test_<name>} for a test
 * written {@code package.name}).
 */
final class GenericTestBuilder {
  private final ParseResults results;
  private final ConfigTrees trees;
  private final JinjaEngine engine;
  private final Map<String, ProjectSettings> projects;

  /**
   * @param projects the root project and its packages, by name
   */
  GenericTestBuilder(
      ParseResults results,
      ConfigTrees trees,
      JinjaEngine engine,
      Map<String, ProjectSettings> projects) {
    this.results = Objects.requireNonNull(results, "results");
    this.trees = Objects.requireNonNull(trees, "trees");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.projects = Map.copyOf(projects);
  }

  void build() {
    for (GenericTestSpec spec : results.genericTests()) {
      if (!results.nodes().containsKey(spec.targetId())
          && !results.sources().containsKey(spec.targetId())) {
        continue; // the tested node is disabled
      }
      String shortName = spec.testName().substring(spec.testName().lastIndexOf('.') + 1);
      String macroCall = macroCall(spec, shortName);
      String name =
          spec.customName() != null
              ? spec.customName()
              : TestNames.name(
                  spec.testName().replace('.', '_'),
                  spec.onSource(),
                  spec.targetName(),
                  spec.columnName(),
                  spec.kwargs());
      String packageName = spec.packageName();
      String id =
          "test."
              + packageName
              + "."
              + name
              + "."
              + TestNames.md5(name + spec.file() + spec.kwargs()).substring(0, 10);
      StringBuilder call =
          new StringBuilder("{{ ")
              .append(macroCall)
              .append("(model=get_where_subquery(")
              .append(spec.targetExpression())
              .append(")");
      if (spec.columnName() != null) {
        call.append(", column_name=").append(JinjaLiterals.quote(spec.columnName()));
      }
      for (Map.Entry<String, Object> kwarg : spec.kwargs().entrySet()) {
        call.append(", ")
            .append(kwarg.getKey())
            .append("=")
            .append(JinjaLiterals.literal(kwarg.getValue()));
      }
      call.append(") }}");
      List<String> fqn = new ArrayList<>();
      fqn.add(packageName);
      List<String> dirs = new ArrayList<>(List.of(spec.file().split("/")));
      dirs.remove(0);
      dirs.remove(dirs.size() - 1);
      fqn.addAll(dirs);
      fqn.add(name);
      Node node =
          new Node(
              id,
              ResourceType.TEST,
              name,
              packageName,
              spec.file(),
              name + ".sql",
              fqn,
              call.toString());
      node.checksum(TestNames.sha256(call.toString()));
      Map<String, Object> config = FileNodes.testDefaults();
      config.putAll(trees.resolve(projects.get(packageName), ProjectSettings::testConfigs, fqn));
      NodeConfig merged = NodeConfig.of(config).merge(spec.config());
      if (!merged.enabled()) {
        continue;
      }
      node.config(merged);
      node.testMetadata(
          new TestMetadata(spec.testName(), spec.kwargs(), spec.columnName(), spec.targetId()));
      results.nodes().put(id, node);
      // dbt does not render a generic test to find its dependencies: they are the tested node
      // and the ref()/source() calls written in its arguments.
      RelationCalls.in(spec.targetExpression()).forEach(found -> addCall(node, found));
      for (Object value : spec.kwargs().values()) {
        RelationCalls.in(String.valueOf(value)).forEach(found -> addCall(node, found));
      }
    }
  }

  /** The macro to call: {@code test_<name>}, or {@code <package>.test_<name>}. */
  private String macroCall(GenericTestSpec spec, String shortName) {
    String macroName = "test_" + shortName;
    int dot = spec.testName().lastIndexOf('.');
    if (dot > 0) {
      String packageName = spec.testName().substring(0, dot);
      if (engine.macro(packageName, macroName).isPresent()) {
        return packageName + "." + macroName;
      }
      throw new ProjectException(
          "%s: the test '%s' on %s is not defined: %s"
              .formatted(
                  spec.file(),
                  spec.testName(),
                  spec.targetName(),
                  engine.isNamespace(packageName)
                      ? "package '%s' has no generic test '%s'".formatted(packageName, shortName)
                      : ("no package named '%s' is installed; declare it in packages.yml and run"
                              + " `transform deps`")
                          .formatted(packageName)));
    }
    if (!engine.hasMacro(macroName)) {
      throw new ProjectException(
          "%s: the test '%s' on %s is not defined. Define it with {%% test %s(model, column_name) %%}"
                  .formatted(spec.file(), spec.testName(), spec.targetName(), spec.testName())
              + " in macros/ or tests/generic/, or install the package that defines it and write"
              + " it as package_name.test_name.");
    }
    return macroName;
  }

  private static void addCall(Node node, RelationCalls.Call call) {
    if (call.isSource()) {
      node.addSource(call.arguments());
    } else {
      node.addRef(call.arguments());
    }
  }
}
