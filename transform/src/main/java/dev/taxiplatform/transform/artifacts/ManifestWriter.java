package dev.taxiplatform.transform.artifacts;

import dev.taxiplatform.transform.compile.NodeCompiler;
import dev.taxiplatform.transform.execution.ArtifactPaths;
import dev.taxiplatform.transform.graph.Column;
import dev.taxiplatform.transform.graph.MacroDefinition;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.graph.SourceTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code manifest.json} in dbt's manifest v12 format: nodes, sources, macros, docs and the
 * parent and child maps, with the fields dbt's schema requires of each.
 */
public final class ManifestWriter {
  static final String SCHEMA = "https://schemas.getdbt.com/dbt/manifest/v12.json";

  private ManifestWriter() {}

  /** {@code "database"."schema"."alias"} of a model, seed or test, or null for ephemeral ones. */
  public static String relationName(Node node) {
    if (node.isEphemeral() || node.type() == ResourceType.TEST) {
      return null;
    }
    return NodeCompiler.relationOf(node).toString();
  }

  public static Map<String, Object> document(
      Manifest manifest, String invocationId, Instant generatedAt, String adapterType) {
    Map<String, Object> document = new LinkedHashMap<>();
    Map<String, Object> metadata = ArtifactMetadata.of(SCHEMA, invocationId, generatedAt);
    metadata.put("project_name", manifest.projectName());
    metadata.put("adapter_type", adapterType);
    document.put("metadata", metadata);
    Map<String, Object> nodes = new LinkedHashMap<>();
    for (Node node : manifest.nodes().values()) {
      nodes.put(node.uniqueId(), node(node, generatedAt));
    }
    document.put("nodes", nodes);
    Map<String, Object> sources = new LinkedHashMap<>();
    for (SourceTable source : manifest.sources().values()) {
      sources.put(source.uniqueId(), source(source, generatedAt));
    }
    document.put("sources", sources);
    Map<String, Object> macros = new LinkedHashMap<>();
    for (MacroDefinition macro : manifest.macros().values()) {
      String id = "macro." + packageOf(macro, manifest) + "." + macro.name();
      macros.put(id, macro(macro, id, manifest, generatedAt));
    }
    document.put("macros", macros);
    Map<String, Object> docs = new LinkedHashMap<>();
    for (Map.Entry<String, String> block : manifest.docs().entrySet()) {
      String id = "doc." + manifest.projectName() + "." + block.getKey();
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("name", block.getKey());
      doc.put("resource_type", "doc");
      doc.put("package_name", manifest.projectName());
      doc.put("path", "docs.md");
      doc.put("original_file_path", "docs.md");
      doc.put("unique_id", id);
      doc.put("block_contents", block.getValue());
      docs.put(id, doc);
    }
    document.put("docs", docs);
    document.put("exposures", Map.of());
    document.put("metrics", Map.of());
    document.put("groups", Map.of());
    document.put("selectors", Map.of());
    Map<String, Object> disabled = new LinkedHashMap<>();
    for (Node node : manifest.disabled()) {
      disabled.put(node.uniqueId(), List.of(node(node, generatedAt)));
    }
    document.put("disabled", disabled);
    document.put("parent_map", manifest.parentMap());
    document.put("child_map", manifest.childMap());
    document.put("group_map", Map.of());
    document.put("saved_queries", Map.of());
    document.put("semantic_models", Map.of());
    document.put("unit_tests", Map.of());
    return document;
  }

  public static void write(Path file, Map<String, Object> document) {
    JsonFiles.write(file, document);
  }

  private static String packageOf(MacroDefinition macro, Manifest manifest) {
    return macro.packageName();
  }

  private static Map<String, Object> node(Node node, Instant generatedAt) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("database", node.database());
    value.put("schema", node.schema());
    value.put("name", node.name());
    value.put("resource_type", node.type().label());
    value.put("package_name", node.packageName());
    value.put("path", node.path());
    value.put("original_file_path", node.originalFilePath());
    value.put("unique_id", node.uniqueId());
    value.put("fqn", node.fqn());
    value.put("alias", node.alias());
    value.put("checksum", Map.of("name", "sha256", "checksum", node.checksum()));
    value.put("config", config(node));
    value.put("tags", node.config().tags());
    value.put("description", node.description());
    Map<String, Object> columns = new LinkedHashMap<>();
    for (Column column : node.columns().values()) {
      columns.put(column.name(), column(column));
    }
    value.put("columns", columns);
    value.put("meta", node.config().get("meta").orElse(Map.of()));
    value.put("group", null);
    value.put("docs", docs());
    value.put(
        "patch_path",
        node.patchPath() == null ? null : node.packageName() + "://" + node.patchPath());
    value.put("build_path", null);
    value.put("unrendered_config", Map.of());
    value.put("created_at", generatedAt.toEpochMilli() / 1000.0);
    value.put("relation_name", relationName(node));
    value.put("raw_code", node.rawCode());
    if (node.type() == ResourceType.SEED) {
      value.put("root_path", null);
      value.put("depends_on", Map.of("macros", List.of()));
      return value;
    }
    value.put("language", "sql");
    List<Map<String, Object>> refs = new ArrayList<>();
    for (List<String> ref : node.refs()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", ref.get(ref.size() - 1));
      entry.put("package", ref.size() == 2 ? ref.get(0) : null);
      entry.put("version", null);
      refs.add(entry);
    }
    value.put("refs", refs);
    value.put("sources", node.sources());
    value.put("metrics", List.of());
    Map<String, Object> dependsOn = new LinkedHashMap<>();
    dependsOn.put("macros", List.of());
    dependsOn.put("nodes", new ArrayList<>(node.dependsOn()));
    value.put("depends_on", dependsOn);
    value.put(
        "compiled_path",
        "target/compiled/" + node.packageName() + "/" + ArtifactPaths.relative(node));
    value.put("contract", Map.of("enforced", false, "alias_types", true));
    if (node.type() == ResourceType.MODEL) {
      value.put("access", "protected");
      value.put("constraints", List.of());
      value.put("version", null);
      value.put("latest_version", null);
      value.put("deprecation_date", null);
    }
    if (node.type() == ResourceType.TEST && node.testMetadata() != null) {
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", node.testMetadata().name());
      Map<String, Object> kwargs = new LinkedHashMap<>(node.testMetadata().kwargs());
      if (node.testMetadata().columnName() != null) {
        kwargs.put("column_name", node.testMetadata().columnName());
      }
      metadata.put("kwargs", kwargs);
      metadata.put("namespace", null);
      value.put("test_metadata", metadata);
      value.put("column_name", node.testMetadata().columnName());
      value.put(
          "attached_node",
          node.testMetadata().attachedTo().startsWith("source.")
              ? null
              : node.testMetadata().attachedTo());
    }
    return value;
  }

  private static Map<String, Object> config(Node node) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : node.config().values().entrySet()) {
      switch (entry.getKey()) {
        case "pre_hook", "post_hook" -> {
          List<Map<String, Object>> hooks = new ArrayList<>();
          if (entry.getValue() instanceof List<?> list) {
            int index = 0;
            for (Object hook : list) {
              Map<String, Object> value = new LinkedHashMap<>();
              value.put("sql", String.valueOf(hook));
              value.put("transaction", true);
              value.put("index", index++);
              hooks.add(value);
            }
          }
          config.put(entry.getKey().replace('_', '-'), hooks);
        }
        default -> config.put(entry.getKey(), entry.getValue());
      }
    }
    config.putIfAbsent("enabled", true);
    config.put("tags", node.config().tags());
    config.putIfAbsent("meta", Map.of());
    return config;
  }

  private static Map<String, Object> docs() {
    Map<String, Object> docs = new LinkedHashMap<>();
    docs.put("show", true);
    docs.put("node_color", null);
    return docs;
  }

  private static Map<String, Object> column(Column column) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", column.name());
    value.put("description", column.description());
    value.put("meta", Map.of());
    value.put("data_type", column.dataType().isEmpty() ? null : column.dataType());
    value.put("constraints", List.of());
    value.put("quote", null);
    value.put("tags", List.of());
    return value;
  }

  private static Map<String, Object> source(SourceTable source, Instant generatedAt) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("database", source.database());
    value.put("schema", source.schema());
    value.put("name", source.name());
    value.put("resource_type", "source");
    value.put("package_name", source.fqn().get(0));
    value.put("path", source.originalFilePath());
    value.put("original_file_path", source.originalFilePath());
    value.put("unique_id", source.uniqueId());
    value.put("fqn", source.fqn());
    value.put("source_name", source.sourceName());
    value.put("source_description", source.sourceDescription());
    value.put("loader", source.loader());
    value.put("identifier", source.identifier());
    value.put("quoting", Map.of());
    value.put("loaded_at_field", null);
    value.put("external", null);
    value.put("description", source.description());
    Map<String, Object> columns = new LinkedHashMap<>();
    for (Column column : source.columns().values()) {
      columns.put(column.name(), column(column));
    }
    value.put("columns", columns);
    value.put("meta", Map.of());
    value.put("source_meta", Map.of());
    value.put("tags", source.tags());
    value.put("config", Map.of("enabled", true));
    value.put("patch_path", null);
    value.put("unrendered_config", Map.of());
    value.put("relation_name", NodeCompiler.relationOf(source).toString());
    value.put("created_at", generatedAt.toEpochMilli() / 1000.0);
    return value;
  }

  private static Map<String, Object> macro(
      MacroDefinition macro, String id, Manifest manifest, Instant generatedAt) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", macro.name());
    value.put("resource_type", "macro");
    value.put("package_name", packageOf(macro, manifest));
    value.put("path", macro.path());
    value.put("original_file_path", macro.path());
    value.put("unique_id", id);
    value.put("macro_sql", macro.sql());
    value.put("depends_on", Map.of("macros", List.of()));
    value.put("description", "");
    value.put("meta", Map.of());
    value.put("docs", docs());
    value.put("patch_path", null);
    value.put("arguments", List.of());
    value.put("created_at", generatedAt.toEpochMilli() / 1000.0);
    value.put("supported_languages", null);
    return value;
  }
}
