package dev.taxiplatform.transform.artifacts;

import dev.taxiplatform.transform.execution.NodeResult;
import dev.taxiplatform.transform.execution.NodeStatus;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code run_results.json} in dbt's run-results v6 format. */
public final class RunResultsWriter {
  static final String SCHEMA = "https://schemas.getdbt.com/dbt/run-results/v6.json";

  private RunResultsWriter() {}

  public static Map<String, Object> document(
      Manifest manifest,
      List<NodeResult> results,
      String invocationId,
      Instant generatedAt,
      double elapsedSeconds,
      Map<String, Object> args) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("metadata", ArtifactMetadata.of(SCHEMA, invocationId, generatedAt));
    List<Map<String, Object>> entries = new ArrayList<>();
    for (NodeResult result : results) {
      entries.add(entry(manifest.nodes().get(result.uniqueId()), result));
    }
    document.put("results", entries);
    document.put("elapsed_time", elapsedSeconds);
    document.put("args", args);
    return document;
  }

  public static void write(Path file, Map<String, Object> document) {
    JsonFiles.write(file, document);
  }

  private static Map<String, Object> entry(Node node, NodeResult result) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("status", result.status().label());
    List<Map<String, Object>> timing = new ArrayList<>();
    if (result.compileStarted() != null) {
      timing.add(timing("compile", result.compileStarted(), result.compileCompleted()));
    }
    if (result.executeStarted() != null) {
      timing.add(timing("execute", result.executeStarted(), result.executeCompleted()));
    }
    entry.put("timing", timing);
    entry.put("thread_id", result.threadId());
    entry.put("execution_time", result.executionTime());
    Map<String, Object> response = new LinkedHashMap<>();
    if (result.response() != null) {
      response.put("_message", result.response().message());
      response.put("code", result.response().code());
      response.put("rows_affected", result.response().rowsAffected());
    }
    entry.put("adapter_response", response);
    entry.put("message", result.status() == NodeStatus.PASS ? null : result.message());
    entry.put("failures", result.failures());
    entry.put("unique_id", result.uniqueId());
    entry.put("compiled", result.compiledSql() == null ? null : Boolean.TRUE);
    entry.put("compiled_code", result.compiledSql());
    entry.put("relation_name", node == null ? null : ManifestWriter.relationName(node));
    return entry;
  }

  private static Map<String, Object> timing(String name, Instant started, Instant completed) {
    Map<String, Object> timing = new LinkedHashMap<>();
    timing.put("name", name);
    timing.put("started_at", ArtifactMetadata.timestamp(started));
    timing.put("completed_at", ArtifactMetadata.timestamp(completed));
    return timing;
  }
}
