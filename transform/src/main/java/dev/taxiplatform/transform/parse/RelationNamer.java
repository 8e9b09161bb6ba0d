package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.compile.RunSettings;
import dev.taxiplatform.transform.graph.MacroDefinition;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.graph.ResourceType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Names each node's relation (database, schema, alias) with the {@code generate_*_name} macros, as
 * dbt does: the project's (or a package's) override when there is one, else the engine's own.
 */
final class RelationNamer {
  private final RunSettings settings;
  private final ParseRenderer renderer;
  private final Collection<MacroDefinition> macros;

  RelationNamer(RunSettings settings, ParseRenderer renderer, Collection<MacroDefinition> macros) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.macros = macros;
  }

  void name(Collection<Node> nodes) {
    for (Node node : nodes) {
      NodeConfig config = node.config();
      String customSchema = config.schema();
      boolean snapshot = node.type() == ResourceType.SNAPSHOT;
      String legacySchema = snapshot ? config.string("target_schema", null) : null;
      String legacyDatabase = snapshot ? config.string("target_database", null) : null;
      if (node.type() == ResourceType.TEST && customSchema == null) {
        customSchema = "dbt_test__audit";
      }
      Map<String, Object> nodeValue = node.templateValue(config);
      Map<String, Object> bindings = new LinkedHashMap<>();
      bindings.put("target", settings.target().asTemplateValue());
      bindings.put("__node", nodeValue);
      bindings.put("__schema", customSchema);
      bindings.put("__alias", config.string("alias", null));
      bindings.put("__database", config.string("database", null));
      String schema =
          builtIn("generate_schema_name")
              ? defaultSchema(customSchema)
              : renderer.name("{{ generate_schema_name(__schema, __node) }}", bindings, node);
      String alias =
          builtIn("generate_alias_name")
              ? Optional.ofNullable(config.string("alias", null))
                  .map(String::strip)
                  .filter(a -> !a.isEmpty())
                  .orElse(node.name())
              : renderer.name("{{ generate_alias_name(__alias, __node) }}", bindings, node);
      String database =
          builtIn("generate_database_name")
              ? Optional.ofNullable(config.string("database", null))
                  .map(String::strip)
                  .filter(d -> !d.isEmpty())
                  .orElse(settings.target().database())
              : renderer.name("{{ generate_database_name(__database, __node) }}", bindings, node);
      // A snapshot's legacy target_schema/target_database name the relation's schema and database
      // as they are, without generate_schema_name.
      node.relation(
          legacyDatabase != null ? legacyDatabase : database,
          legacySchema != null ? legacySchema : schema,
          alias);
    }
  }

  /**
   * Whether the naming macro is the engine's own (not overridden by the project): then the name is
   * computed directly, with the same result as rendering the built-in macro, which saves three
   * renders per node on large projects.
   */
  private boolean builtIn(String macro) {
    return macros.stream()
        .filter(m -> m.name().equals(macro))
        .allMatch(m -> m.packageName().equals(MacroParser.BUILTIN_PACKAGE));
  }

  private String defaultSchema(String customSchema) {
    if (customSchema == null || customSchema.isEmpty()) {
      return settings.target().schema();
    }
    return settings.target().schema() + "_" + customSchema.strip();
  }
}
