package dev.taxiplatform.transform.invocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.SourceTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The {@code ls} command: prints the selected resources, one a line. */
final class NodeLister {
  private final PrintStream out;
  private final ObjectMapper json = new ObjectMapper();

  NodeLister(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  void list(Manifest manifest, InvocationOptions options, Set<String> selected) {
    List<String> types =
        options.resourceTypes().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    for (Node node : manifest.nodes().values()) {
      if (selected.contains(node.uniqueId())
          && (types.isEmpty() || types.contains(node.type().label()))) {
        out.println(line(node, options.output()));
      }
    }
    boolean sourcesWanted = types.isEmpty() || types.contains("source");
    boolean selectingEverything = options.select().isEmpty();
    if (sourcesWanted && (selectingEverything || !types.isEmpty())) {
      for (SourceTable source : manifest.sources().values()) {
        out.println(
            switch (options.output()) {
              case "name" -> source.sourceName() + "." + source.name();
              case "path" -> source.originalFilePath();
              case "json" ->
                  toJson(
                      Map.of(
                          "name",
                          source.name(),
                          "resource_type",
                          "source",
                          "unique_id",
                          source.uniqueId(),
                          "source_name",
                          source.sourceName()));
              default -> "source:" + String.join(".", source.fqn());
            });
      }
    }
  }

  private String line(Node node, String output) {
    return switch (output) {
      case "name" -> node.name();
      case "path" -> node.originalFilePath();
      case "json" -> {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", node.name());
        value.put("resource_type", node.type().label());
        value.put("package_name", node.packageName());
        value.put("original_file_path", node.originalFilePath());
        value.put("unique_id", node.uniqueId());
        value.put("alias", node.alias());
        value.put("config", node.config().values());
        value.put("tags", node.config().tags());
        value.put("depends_on", Map.of("nodes", new ArrayList<>(node.dependsOn())));
        yield toJson(value);
      }
      default -> String.join(".", node.fqn());
    };
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
