package dev.taxiplatform.transform.compile;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import dev.taxiplatform.transform.database.QueryTable;
import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.StatementResult;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.jinja.JavaFunction;
import dev.taxiplatform.transform.jinja.JinjaEngine;
import dev.taxiplatform.transform.project.ValueRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The variables and functions a node's template sees, as dbt provides them: {@code ref}, {@code
 * source}, {@code config}, {@code var}, {@code env_var}, {@code this}, {@code target}, {@code
 * is_incremental()}, {@code run_query}, {@code statement}/{@code load_result}, {@code log}, {@code
 * exceptions}, {@code adapter}, {@code execute}, {@code flags}, {@code model}.
 *
 * <p>While parsing ({@code execute} is false) nothing touches the database: {@code run_query}
 * returns None and {@code is_incremental()} is false, as in dbt.
 */
public final class TemplateContext {
  private static final Logger LOG = LoggerFactory.getLogger(TemplateContext.class);

  private final RunSettings settings;
  private final JinjaEngine engine;
  private final Node node;
  private final NodeConfig config;
  private final Relation thisRelation;
  private final RelationResolver resolver;
  private final Session session;
  private final RenderCapture capture;
  private final String whereClause;

  /**
   * @param settings the invocation's settings
   * @param engine the Jinja engine (for {@code adapter.dispatch})
   * @param node the node being rendered, or null for an ad-hoc render
   * @param config the node's configuration so far
   * @param thisRelation the node's relation, or null
   * @param resolver resolves refs and sources
   * @param session the database session, or null while parsing ({@code execute} false)
   * @param capture records what the render does
   * @param whereClause a test's {@code where} config, or null
   */
  public TemplateContext(
      RunSettings settings,
      JinjaEngine engine,
      Node node,
      NodeConfig config,
      Relation thisRelation,
      RelationResolver resolver,
      Session session,
      RenderCapture capture,
      String whereClause) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.node = node;
    this.config = Objects.requireNonNull(config, "config");
    this.thisRelation = thisRelation;
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.session = session;
    this.capture = Objects.requireNonNull(capture, "capture");
    this.whereClause = whereClause;
  }

  private boolean executing() {
    return session != null;
  }

  /** The template's variables. */
  public Map<String, Object> bindings() {
    Map<String, Object> bindings = new LinkedHashMap<>();
    bindings.put("execute", executing());
    bindings.put("target", settings.target().asTemplateValue());
    bindings.put("this", thisRelation);
    bindings.put("project_name", settings.project().name());
    bindings.put("invocation_id", settings.invocationId());
    bindings.put("run_started_at", settings.startedAt().toString());
    bindings.put("database", settings.target().database());
    bindings.put("schema", settings.target().schema());
    bindings.put("config", new ConfigAccessor());
    bindings.put("flags", flags());
    bindings.put("exceptions", exceptions());
    bindings.put("adapter", adapter());
    if (node != null) {
      bindings.put("model", modelValue());
    }
    return bindings;
  }

  /** The template's functions. */
  public List<MacroFunction> functions() {
    List<MacroFunction> functions = new ArrayList<>();
    functions.add(ValueRenderer.envVar(settings.environment()));
    functions.add(
        ValueRenderer.var(
            settings.varsFor(node == null ? settings.project().name() : node.packageName())));
    functions.add(
        JavaFunction.of(
            "ref",
            List.of(),
            (args, kwargs, varargs) -> {
              List<String> ref = varargs.stream().map(String::valueOf).toList();
              if (ref.isEmpty() || ref.size() > 2) {
                throw new CompilerError(
                    "ref() takes a model name, or a package and a model name; got " + varargs);
              }
              capture.ref(ref);
              Object version = kwargs.getOrDefault("v", kwargs.get("version"));
              return resolver.ref(ref, version);
            }));
    functions.add(
        JavaFunction.of(
            "source",
            List.of("source_name", "table_name"),
            (args, kwargs, varargs) -> {
              String source = String.valueOf(args.get("source_name"));
              String table = String.valueOf(args.get("table_name"));
              capture.source(List.of(source, table));
              return resolver.source(source, table);
            }));
    functions.add(
        JavaFunction.of(
            "config",
            List.of(),
            (args, kwargs, varargs) -> {
              Map<String, Object> values = new LinkedHashMap<>(kwargs);
              for (Object positional : varargs) {
                if (positional instanceof Map<?, ?> map) {
                  map.forEach((k, v) -> values.put(String.valueOf(k), v));
                }
              }
              capture.config(values);
              return "";
            }));
    functions.add(JavaFunction.of("is_incremental", List.of(), (a, k, v) -> isIncremental()));
    functions.add(
        JavaFunction.of("should_full_refresh", List.of(), (a, k, v) -> shouldFullRefresh()));
    functions.add(
        JavaFunction.of(
            "run_query",
            List.of("sql"),
            (args, kwargs, varargs) ->
                executing() ? session.run(String.valueOf(args.get("sql"))) : null));
    functions.add(
        JavaFunction.of(
            "__taxi_statement",
            List.of("name", "sql", "fetch_result"),
            (args, kwargs, varargs) -> {
              if (executing()) {
                runStatement(args);
              }
              return "";
            }));
    functions.add(
        JavaFunction.of(
            "load_result",
            List.of("name"),
            (args, kwargs, varargs) -> loadResult(String.valueOf(args.get("name")))));
    Map<String, Object> logParameters = new LinkedHashMap<>();
    logParameters.put("msg", "");
    logParameters.put("info", false);
    functions.add(
        JavaFunction.of(
            "log",
            logParameters,
            (args, kwargs, varargs) -> {
              String message = String.valueOf(args.get("msg"));
              if (Boolean.TRUE.equals(args.get("info")) && executing()) {
                settings.console().accept(message);
              } else {
                LOG.debug("{}", message);
              }
              return "";
            }));
    functions.add(
        JavaFunction.of(
            "get_where_subquery",
            List.of("relation"),
            (args, kwargs, varargs) -> {
              Object relation = args.get("relation");
              if (whereClause == null || whereClause.isBlank()) {
                return relation;
              }
              return "(select * from %s where %s) dbt_subquery".formatted(relation, whereClause);
            }));
    return functions;
  }

  private boolean shouldFullRefresh() {
    Object configured = config.merge(capture.config()).get("full_refresh").orElse(null);
    if (configured instanceof Boolean b) {
      return b;
    }
    return settings.fullRefresh();
  }

  private boolean isIncremental() {
    if (!executing() || thisRelation == null || thisRelation.isCte()) {
      return false;
    }
    NodeConfig effective = config.merge(capture.config());
    if (!effective.materialized().equals("incremental") || shouldFullRefresh()) {
      return false;
    }
    return session
        .relationType(thisRelation.getSchema(), thisRelation.getIdentifier())
        .filter("table"::equals)
        .isPresent();
  }

  private void runStatement(Map<String, Object> args) {
    String sql = String.valueOf(args.get("sql"));
    String name = args.get("name") == null ? null : String.valueOf(args.get("name"));
    boolean fetch = Boolean.TRUE.equals(args.get("fetch_result"));
    if (fetch) {
      QueryTable table = session.query(sql);
      StatementResult response =
          new StatementResult("SELECT " + table.size(), "SELECT", table.size());
      if (name != null) {
        capture.result(name, new RenderCapture.LoadedResult(response, table));
      }
    } else {
      StatementResult response = session.execute(sql);
      if (name != null) {
        capture.result(
            name, new RenderCapture.LoadedResult(response, new QueryTable(List.of(), List.of())));
      }
    }
  }

  private Object loadResult(String name) {
    RenderCapture.LoadedResult result = capture.result(name);
    if (result == null) {
      return null;
    }
    Map<String, Object> value = new LinkedHashMap<>();
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("_message", result.response().message());
    response.put("code", result.response().code());
    response.put("rows_affected", result.response().rowsAffected());
    value.put("response", response);
    value.put("data", result.table().getRows());
    value.put("table", result.table());
    return value;
  }

  private Map<String, Object> flags() {
    Map<String, Object> flags = new LinkedHashMap<>();
    flags.put("FULL_REFRESH", settings.fullRefresh());
    flags.put("WHICH", settings.command());
    return flags;
  }

  private Map<String, Object> exceptions() {
    Map<String, Object> exceptions = new LinkedHashMap<>();
    exceptions.put(
        "raise_compiler_error",
        JavaFunction.of(
            "raise_compiler_error",
            List.of("msg"),
            (args, kwargs, varargs) -> {
              throw new CompilerError(String.valueOf(args.get("msg")));
            }));
    exceptions.put(
        "warn",
        JavaFunction.of(
            "warn",
            List.of("msg"),
            (args, kwargs, varargs) -> {
              if (executing()) {
                settings.console().accept("[WARNING]: " + args.get("msg"));
              }
              return "";
            }));
    return exceptions;
  }

  private Map<String, Object> adapter() {
    Map<String, Object> adapter = new LinkedHashMap<>();
    Map<String, Object> dispatchParameters = new LinkedHashMap<>();
    dispatchParameters.put("macro_name", null);
    dispatchParameters.put("macro_namespace", null);
    adapter.put(
        "dispatch",
        JavaFunction.of(
            "dispatch",
            dispatchParameters,
            (args, kwargs, varargs) ->
                dispatch(
                    String.valueOf(args.get("macro_name")),
                    args.get("macro_namespace") == null
                        ? null
                        : String.valueOf(args.get("macro_namespace")))));
    adapter.put(
        "quote",
        JavaFunction.of(
            "quote",
            List.of("identifier"),
            (args, kwargs, varargs) -> Relation.quote(String.valueOf(args.get("identifier")))));
    Map<String, Object> relationParameters = new LinkedHashMap<>();
    relationParameters.put("database", null);
    relationParameters.put("schema", null);
    relationParameters.put("identifier", null);
    adapter.put(
        "get_relation",
        JavaFunction.of(
            "get_relation",
            relationParameters,
            (args, kwargs, varargs) -> {
              if (!executing()) {
                return null;
              }
              String database =
                  Optional.ofNullable(args.get("database"))
                      .map(String::valueOf)
                      .orElse(settings.target().database());
              String schema = String.valueOf(args.get("schema"));
              String identifier = String.valueOf(args.get("identifier"));
              return session.relationType(schema, identifier).isPresent()
                  ? Relation.of(database, schema, identifier)
                  : null;
            }));
    adapter.put(
        "get_columns_in_relation",
        JavaFunction.of(
            "get_columns_in_relation",
            List.of("relation"),
            (args, kwargs, varargs) -> {
              if (!executing() || !(args.get("relation") instanceof Relation relation)) {
                return List.of();
              }
              List<Map<String, Object>> columns = new ArrayList<>();
              session
                  .columns(relation.getSchema(), relation.getIdentifier())
                  .forEach(
                      c -> {
                        Map<String, Object> column = new LinkedHashMap<>();
                        column.put("name", c.name());
                        column.put("column", c.name());
                        column.put("data_type", c.dataType());
                        column.put("dtype", c.dataType());
                        columns.add(column);
                      });
              return columns;
            }));
    return adapter;
  }

  /**
   * dbt's {@code adapter.dispatch}: the first {@code postgres__<name>}, else {@code
   * default__<name>}, along the search order: the project's {@code dispatch:} for the namespace;
   * else, for an installed package (or {@code dbt}), the root project then the package, so the root
   * project overrides a package's implementation; else the namespace alone. Without a namespace,
   * every macro is searched.
   */
  private MacroFunction dispatch(String macroName, String namespace) {
    List<String> searched = new ArrayList<>();
    for (String packageName : searchOrder(namespace)) {
      for (String prefix : List.of("postgres__", "default__")) {
        String candidate = prefix + macroName;
        searched.add(packageName == null ? candidate : packageName + "." + candidate);
        Optional<MacroFunction> macro =
            packageName == null ? engine.macro(candidate) : engine.macro(packageName, candidate);
        if (macro.isPresent()) {
          return macro.get();
        }
      }
    }
    throw new CompilerError(
        "In dispatch: No macro named '%s' found within namespace: '%s'\n    Searched for: %s"
            .formatted(macroName, namespace, String.join(", ", searched)));
  }

  private List<String> searchOrder(String namespace) {
    if (namespace == null) {
      return java.util.Collections.singletonList(null);
    }
    List<String> configured = settings.project().dispatch().get(namespace);
    if (configured != null) {
      return configured;
    }
    if (namespace.equals("dbt") || settings.packageVars().containsKey(namespace)) {
      return List.of(settings.project().name(), namespace);
    }
    return List.of(namespace);
  }

  private Map<String, Object> modelValue() {
    return node.templateValue(config.merge(capture.config()));
  }

  /** dbt's {@code config} object: callable, and with {@code get} and {@code require}. */
  public final class ConfigAccessor {
    public Object get(String key) {
      return config.merge(capture.config()).get(key).orElse(null);
    }

    public Object get(String key, Object fallback) {
      return config.merge(capture.config()).get(key).orElse(fallback);
    }

    public Object require(String key) {
      return config
          .merge(capture.config())
          .get(key)
          .orElseThrow(
              () ->
                  new CompilerError(
                      "Required config '%s' is missing for %s".formatted(key, nodeName())));
    }

    private String nodeName() {
      return node == null ? "this template" : node.uniqueId();
    }

    @Override
    public String toString() {
      return "";
    }
  }
}
