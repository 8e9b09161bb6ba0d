package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.compile.CompilerError;
import dev.taxiplatform.transform.compile.RelationResolver;
import dev.taxiplatform.transform.compile.RenderCapture;
import dev.taxiplatform.transform.compile.RunSettings;
import dev.taxiplatform.transform.compile.TemplateContext;
import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.jinja.JavaFunction;
import dev.taxiplatform.transform.jinja.JinjaEngine;
import dev.taxiplatform.transform.jinja.TemplateSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The renders of parse time ({@code execute} false, nothing touches the database): a node's file to
 * find its {@code config()}, {@code ref()} and {@code source()} calls; descriptions with {@code
 * doc()}; the naming macros.
 */
final class ParseRenderer {
  private final RunSettings settings;
  private final JinjaEngine engine;
  private final Map<String, String> docs;

  ParseRenderer(RunSettings settings, JinjaEngine engine, Map<String, String> docs) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.docs = Map.copyOf(docs);
  }

  /**
   * Renders a node's file; returns its {@code config()} values and records its refs and sources.
   */
  Map<String, Object> capture(Node node, NodeConfig config) {
    RenderCapture capture = new RenderCapture();
    TemplateContext context =
        new TemplateContext(
            settings,
            engine,
            node,
            config,
            placeholder(node.name()),
            resolver(),
            null,
            capture,
            null);
    engine.render(
        new TemplateSource(node.originalFilePath(), node.rawCode()),
        context.bindings(),
        context.functions());
    capture.refs().forEach(node::addRef);
    capture.sources().forEach(node::addSource);
    return capture.config();
  }

  /** A description, with its {@code doc()} calls replaced by the docs blocks. */
  String describe(Object description, String origin) {
    if (description == null) {
      return "";
    }
    String text = description.toString();
    if (!text.contains("{{") && !text.contains("{%")) {
      return text;
    }
    JavaFunction doc =
        JavaFunction.of(
            "doc",
            List.of("name"),
            (args, kwargs, varargs) -> {
              String name = String.valueOf(args.get("name"));
              String block = docs.get(name);
              if (block == null) {
                throw new CompilerError(
                    "Documentation for '%s' not found: no {%% docs %s %%} block exists"
                        .formatted(name, name));
              }
              return block;
            });
    return engine.render(new TemplateSource(origin, text), Map.of(), List.of(doc));
  }

  /** Renders a naming macro call for a node; the result, stripped, must not be empty. */
  String name(String template, Map<String, Object> bindings, Node node) {
    RenderCapture capture = new RenderCapture();
    TemplateContext context =
        new TemplateContext(
            settings, engine, node, node.config(), null, resolver(), null, capture, null);
    Map<String, Object> all = new LinkedHashMap<>(context.bindings());
    all.putAll(bindings);
    String name =
        engine
            .render(new TemplateSource(node.originalFilePath(), template), all, context.functions())
            .strip();
    if (name.isEmpty()) {
      throw new CompilerError(
          "Naming %s produced an empty name: check the project's generate_*_name macros"
              .formatted(node.uniqueId()));
    }
    return name;
  }

  private Relation placeholder(String name) {
    return Relation.of(settings.target().database(), settings.target().schema(), name);
  }

  private RelationResolver resolver() {
    return new RelationResolver() {
      @Override
      public Relation ref(List<String> ref, Object version) {
        return placeholder(ref.get(ref.size() - 1));
      }

      @Override
      public Relation source(String sourceName, String tableName) {
        return Relation.of(settings.target().database(), sourceName, tableName);
      }
    };
  }
}
