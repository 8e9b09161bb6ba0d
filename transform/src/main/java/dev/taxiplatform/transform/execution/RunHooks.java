package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.compile.CompilerError;
import dev.taxiplatform.transform.compile.NodeCompiler;
import dev.taxiplatform.transform.database.DatabaseException;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.Warehouse;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.jinja.TemplateException;
import dev.taxiplatform.transform.jinja.TemplateSource;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code on-run-start} and {@code on-run-end} hooks of the root project and its packages, run
 * as dbt runs them: rendered with dbt's context plus {@code schemas} and {@code database_schemas}
 * (the schemas the run builds in) and, at the end, {@code results} (each node's result), then
 * executed in order, each with a status line.
 */
public final class RunHooks {
  /** When hooks run. */
  public enum Kind {
    ON_RUN_START("on-run-start"),
    ON_RUN_END("on-run-end");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  private final NodeCompiler compiler;
  private final Warehouse warehouse;
  private final ConsoleReporter reporter;
  private final Clock clock;
  private final List<ProjectSettings> projects;

  /**
   * @param projects the root project, then its packages: the order their hooks run in
   */
  public RunHooks(
      NodeCompiler compiler,
      Warehouse warehouse,
      ConsoleReporter reporter,
      Clock clock,
      List<ProjectSettings> projects) {
    this.compiler = Objects.requireNonNull(compiler, "compiler");
    this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.projects = List.copyOf(projects);
  }

  /** Runs the hooks of {@code kind}; false if one failed (the ones after it do not run). */
  public boolean run(Kind kind, List<Node> nodes, Manifest manifest, List<NodeResult> results) {
    List<String[]> hooks = new ArrayList<>();
    for (ProjectSettings project : projects) {
      List<String> sql = kind == Kind.ON_RUN_START ? project.onRunStart() : project.onRunEnd();
      for (int i = 0; i < sql.size(); i++) {
        hooks.add(new String[] {project.name() + "." + kind.key() + "." + i, sql.get(i)});
      }
    }
    if (hooks.isEmpty()) {
      return true;
    }
    Map<String, Object> bindings = new LinkedHashMap<>();
    List<String> schemas = new ArrayList<>(SchemaCreator.schemasOf(nodes));
    List<List<String>> databaseSchemas = new ArrayList<>();
    for (String schema : schemas) {
      databaseSchemas.add(List.of(nodes.get(0).database(), schema));
    }
    bindings.put("schemas", schemas);
    bindings.put("database_schemas", databaseSchemas);
    if (kind == Kind.ON_RUN_END) {
      bindings.put("results", resultValues(manifest, results));
    }
    reporter.line(
        "Running %d %s hook%s".formatted(hooks.size(), kind.key(), hooks.size() == 1 ? "" : "s"));
    try (Session session = warehouse.open()) {
      for (int i = 0; i < hooks.size(); i++) {
        String name = hooks.get(i)[0];
        String prefix = "%d of %d ".formatted(i + 1, hooks.size());
        reporter.line(ConsoleReporter.dotted(prefix + "START hook: " + name, "RUN"));
        Instant started = clock.instant();
        try {
          String sql =
              compiler.renderOperation(
                  new TemplateSource("dbt_project.yml (" + name + ")", hooks.get(i)[1]),
                  bindings,
                  session);
          if (!sql.isBlank()) {
            session.execute(sql);
          }
          reporter.line(
              ConsoleReporter.dotted(prefix + "OK hook: " + name, "OK in " + seconds(started)));
        } catch (TemplateException | CompilerError | DatabaseException e) {
          if (e instanceof DatabaseException database && database.isConnectionFailure()) {
            throw database;
          }
          reporter.line(
              ConsoleReporter.dotted(
                  prefix + "ERROR hook: " + name, "ERROR in " + seconds(started)));
          reporter.line("Error in hook %s:\n  %s".formatted(name, e.getMessage()));
          return false;
        }
      }
    }
    if (kind == Kind.ON_RUN_START) {
      reporter.line("");
    }
    return true;
  }

  private String seconds(Instant started) {
    return String.format(
        Locale.ROOT, "%.2fs", Duration.between(started, clock.instant()).toMillis() / 1000.0);
  }

  /** Each result as dbt's {@code results} shows it to a hook. */
  private static List<Map<String, Object>> resultValues(
      Manifest manifest, List<NodeResult> results) {
    List<Map<String, Object>> values = new ArrayList<>();
    for (NodeResult result : results) {
      Node node = manifest.nodes().get(result.uniqueId());
      Map<String, Object> nodeValue = node.templateValue(node.config());
      Map<String, Object> adapterResponse = new LinkedHashMap<>();
      if (result.response() != null) {
        adapterResponse.put("_message", result.response().message());
        adapterResponse.put("code", result.response().code());
        adapterResponse.put("rows_affected", result.response().rowsAffected());
      }
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("node", nodeValue);
      value.put("status", result.status().label());
      value.put("message", result.message());
      value.put("failures", result.failures());
      value.put("execution_time", result.executionTime());
      value.put("thread_id", result.threadId());
      value.put("adapter_response", adapterResponse);
      values.add(value);
    }
    return values;
  }
}
