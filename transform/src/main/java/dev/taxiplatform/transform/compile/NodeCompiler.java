package dev.taxiplatform.transform.compile;

import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.graph.SourceTable;
import dev.taxiplatform.transform.jinja.JinjaEngine;
import dev.taxiplatform.transform.jinja.TemplateSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compiles a node: renders its template against the database (execute is true) and inlines the
 * ephemeral models it refers to as CTEs ({@code __dbt__cte__name}).
 */
public final class NodeCompiler {
  private final RunSettings settings;
  private final Manifest manifest;
  private final JinjaEngine engine;

  public NodeCompiler(RunSettings settings, Manifest manifest, JinjaEngine engine) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The relation a node builds (its CTE if ephemeral). */
  public static Relation relationOf(Node node) {
    if (node.isEphemeral()) {
      return Relation.cte(node.name());
    }
    return Relation.of(node.database(), node.schema(), node.alias());
  }

  /** The relation of a source table. */
  public static Relation relationOf(SourceTable source) {
    return Relation.of(source.database(), source.schema(), source.identifier());
  }

  /** Compiles {@code node} using {@code session} for queries the template runs. */
  public CompiledNode compile(Node node, Session session) {
    RenderCapture capture = new RenderCapture();
    String sql = render(node, session, capture);
    if (!capture.ephemerals().isEmpty()) {
      Map<String, String> ctes = new LinkedHashMap<>();
      for (String ephemeral : capture.ephemerals()) {
        collectCte(ephemeral, session, ctes, new ArrayList<>());
      }
      sql = inject(sql, ctes);
    }
    return new CompiledNode(node, sql, capture);
  }

  private String render(Node node, Session session, RenderCapture capture) {
    Relation self = node.type() == ResourceType.TEST ? null : relationOf(node);
    String where = node.type() == ResourceType.TEST ? node.config().string("where", null) : null;
    TemplateContext context =
        new TemplateContext(
            settings,
            engine,
            node,
            node.config(),
            self,
            resolver(node, capture),
            session,
            capture,
            where);
    return engine.render(
        new TemplateSource(node.originalFilePath(), node.rawCode()),
        context.bindings(),
        context.functions());
  }

  /**
   * The node's {@code pre-hook} or {@code post-hook} statements ({@code key} is {@code pre_hook} or
   * {@code post_hook}), rendered in the node's context.
   */
  public List<String> hooks(Node node, NodeConfig config, String key, Session session) {
    List<String> hooks = new ArrayList<>();
    Object configured = config.get(key).orElse(List.of());
    List<?> entries = configured instanceof List<?> list ? list : List.of(configured);
    int index = 0;
    for (Object entry : entries) {
      Object sql = entry instanceof Map<?, ?> map ? map.get("sql") : entry;
      if (sql == null || sql.toString().isBlank()) {
        continue;
      }
      String rendered =
          renderInNode(
              node,
              config,
              new TemplateSource(
                  node.originalFilePath() + " (" + key.replace('_', '-') + " " + index++ + ")",
                  sql.toString()),
              session);
      if (!rendered.isBlank()) {
        hooks.add(rendered);
      }
    }
    return hooks;
  }

  /** Renders a template in a node's context (execute true), e.g. a macro call for it. */
  public String render(Node node, String template, Session session) {
    return renderInNode(
        node, node.config(), new TemplateSource(node.originalFilePath(), template), session);
  }

  private String renderInNode(
      Node node, NodeConfig config, TemplateSource template, Session session) {
    RenderCapture capture = new RenderCapture();
    TemplateContext context =
        new TemplateContext(
            settings,
            engine,
            node,
            config,
            relationOf(node),
            resolver(node, capture),
            session,
            capture,
            null);
    return engine.render(template, context.bindings(), context.functions());
  }

  /**
   * Renders a template that belongs to no node (a run hook, a {@code run-operation} call) with
   * execute true: refs resolve to the root project's models and seeds, {@code this} is None.
   *
   * @param template the template
   * @param bindings variables added to dbt's context ({@code schemas}, {@code results}, ...)
   */
  public String renderOperation(
      TemplateSource template, Map<String, Object> bindings, Session session) {
    RenderCapture capture = new RenderCapture();
    TemplateContext context =
        new TemplateContext(
            settings,
            engine,
            null,
            NodeConfig.of(Map.of()),
            null,
            resolver(null, capture),
            session,
            capture,
            null);
    Map<String, Object> all = new LinkedHashMap<>(context.bindings());
    all.putAll(bindings);
    return engine.render(template, all, context.functions());
  }

  private void collectCte(
      String uniqueId, Session session, Map<String, String> ctes, List<String> path) {
    if (ctes.containsKey(uniqueId)) {
      return;
    }
    if (path.contains(uniqueId)) {
      throw new CompilerError("Ephemeral models refer to each other in a cycle: " + path);
    }
    Node ephemeral = manifest.nodes().get(uniqueId);
    RenderCapture capture = new RenderCapture();
    String sql = render(ephemeral, session, capture);
    List<String> nested = new ArrayList<>(path);
    nested.add(uniqueId);
    for (String inner : capture.ephemerals()) {
      collectCte(inner, session, ctes, nested);
    }
    ctes.put(uniqueId, SqlText.withoutTrailingSemicolon(sql));
  }

  private String inject(String sql, Map<String, String> ctes) {
    StringBuilder prefix = new StringBuilder("with ");
    boolean first = true;
    for (Map.Entry<String, String> cte : ctes.entrySet()) {
      if (!first) {
        prefix.append(",  ");
      }
      first = false;
      Node node = manifest.nodes().get(cte.getKey());
      prefix
          .append(Relation.cte(node.name()))
          .append(" as (\n")
          .append(cte.getValue())
          .append("\n)");
    }
    if (SqlText.startsWithWith(sql)) {
      int start = SqlText.firstToken(sql);
      return sql.substring(0, start) + prefix + ", " + sql.substring(start + 4).stripLeading();
    }
    return prefix + "\n" + sql;
  }

  private RelationResolver resolver(Node from, RenderCapture capture) {
    return new RelationResolver() {
      @Override
      public Relation ref(List<String> ref, Object version) {
        String name = ref.get(ref.size() - 1);
        Node target =
            referenced(from, ref)
                .orElseThrow(
                    () ->
                        new CompilerError(
                            "%s refers to '%s', which is not a model or seed of this project"
                                    .formatted(describe(from), name)
                                + " or its packages"));
        if (target.isEphemeral()) {
          capture.ephemeral(target.uniqueId());
        }
        return relationOf(target);
      }

      @Override
      public Relation source(String sourceName, String tableName) {
        String suffix = "." + sourceName + "." + tableName;
        SourceTable source =
            Stream.concat(
                    dependencies(from).stream(),
                    Stream.of(packageOf(from), manifest.projectName())
                        .map(p -> "source." + p + suffix))
                .filter(id -> id.startsWith("source.") && id.endsWith(suffix))
                .map(id -> manifest.sources().get(id))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(
                    () ->
                        new CompilerError(
                            "%s refers to source('%s', '%s'), which is not declared"
                                .formatted(describe(from), sourceName, tableName)));
        return relationOf(source);
      }
    };
  }

  private static java.util.Set<String> dependencies(Node from) {
    return from == null ? java.util.Set.of() : from.dependsOn();
  }

  private String packageOf(Node from) {
    return from == null ? manifest.projectName() : from.packageName();
  }

  private static String describe(Node from) {
    return from == null ? "This operation" : "%s '%s'".formatted(from.type().label(), from.name());
  }

  /**
   * The model or seed a {@code ref()} names: the one parsing resolved it to (a dependency of the
   * node), else one of the node's package or the root project.
   */
  private Optional<Node> referenced(Node from, List<String> ref) {
    String name = ref.get(ref.size() - 1);
    Optional<String> packageName = ref.size() == 2 ? Optional.of(ref.get(0)) : Optional.empty();
    Optional<Node> dependency =
        dependencies(from).stream()
            .map(manifest.nodes()::get)
            .filter(Objects::nonNull)
            .filter(
                n ->
                    n.type() == ResourceType.MODEL
                        || n.type() == ResourceType.SEED
                        || n.type() == ResourceType.SNAPSHOT)
            .filter(n -> n.name().equals(name))
            .filter(n -> packageName.map(n.packageName()::equals).orElse(true))
            .findFirst();
    if (dependency.isPresent()) {
      return dependency;
    }
    for (String project :
        packageName.map(List::of).orElse(List.of(packageOf(from), manifest.projectName()))) {
      for (String type : List.of("model.", "seed.", "snapshot.")) {
        Optional<Node> found = manifest.node(type + project + "." + name);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
