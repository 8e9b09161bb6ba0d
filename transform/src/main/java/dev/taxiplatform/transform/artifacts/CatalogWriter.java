package dev.taxiplatform.transform.artifacts;

import dev.taxiplatform.transform.database.ColumnInfo;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.graph.SourceTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code catalog.json} (dbt's catalog v1): for each built relation of the project, its type
 * and its columns as the database has them.
 */
public final class CatalogWriter {
  static final String SCHEMA = "https://schemas.getdbt.com/dbt/catalog/v1.json";

  private CatalogWriter() {}

  public static Map<String, Object> document(
      Manifest manifest, Session session, String invocationId, Instant generatedAt) {
    Map<String, Object> nodes = new LinkedHashMap<>();
    for (Node node : manifest.nodes().values()) {
      if (node.type() == ResourceType.TEST || node.isEphemeral()) {
        continue;
      }
      table(session, node.database(), node.schema(), node.alias(), node.uniqueId())
          .ifPresent(t -> nodes.put(node.uniqueId(), t));
    }
    Map<String, Object> sources = new LinkedHashMap<>();
    for (SourceTable source : manifest.sources().values()) {
      table(session, source.database(), source.schema(), source.identifier(), source.uniqueId())
          .ifPresent(t -> sources.put(source.uniqueId(), t));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("metadata", ArtifactMetadata.of(SCHEMA, invocationId, generatedAt));
    document.put("nodes", nodes);
    document.put("sources", sources);
    document.put("errors", null);
    return document;
  }

  public static void write(Path file, Map<String, Object> document) {
    JsonFiles.write(file, document);
  }

  private static Optional<Map<String, Object>> table(
      Session session, String database, String schema, String name, String uniqueId) {
    Optional<String> type = session.relationType(schema, name);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("type", type.get().equals("view") ? "VIEW" : "BASE TABLE");
    metadata.put("schema", schema);
    metadata.put("name", name);
    metadata.put("database", database);
    metadata.put("comment", null);
    metadata.put("owner", null);
    Map<String, Object> columns = new LinkedHashMap<>();
    List<ColumnInfo> infos = session.columns(schema, name);
    for (int i = 0; i < infos.size(); i++) {
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("type", infos.get(i).dataType());
      column.put("index", i + 1);
      column.put("name", infos.get(i).name());
      column.put("comment", null);
      columns.put(infos.get(i).name(), column);
    }
    Map<String, Object> stat = new LinkedHashMap<>();
    stat.put("id", "has_stats");
    stat.put("label", "Has Stats?");
    stat.put("value", false);
    stat.put("include", false);
    stat.put("description", "Indicates whether there are statistics for this table");
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("metadata", metadata);
    table.put("columns", columns);
    table.put("stats", Map.of("has_stats", stat));
    table.put("unique_id", uniqueId);
    return Optional.of(table);
  }
}
