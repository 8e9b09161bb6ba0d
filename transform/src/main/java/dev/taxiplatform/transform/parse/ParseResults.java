package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.graph.SourceTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the resource parsers found so far: nodes and sources, each node's configs from the three
 * places dbt reads them (the project's config tree, property files, the file's own {@code
 * config()}), and the generic tests written in property files.
 */
final class ParseResults {
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, SourceTable> sources = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> treeConfigs = new HashMap<>();
  private final Map<String, Map<String, Object>> propertyConfigs = new HashMap<>();
  private final Map<String, Map<String, Object>> fileConfigs = new HashMap<>();
  private final List<GenericTestSpec> genericTests = new ArrayList<>();

  Map<String, Node> nodes() {
    return nodes;
  }

  Map<String, SourceTable> sources() {
    return sources;
  }

  List<GenericTestSpec> genericTests() {
    return genericTests;
  }

  /** Adds a node with the configs its project's config tree gives it. */
  void addNode(Node node, Map<String, Object> treeConfig) {
    nodes.put(node.uniqueId(), node);
    treeConfigs.put(node.uniqueId(), treeConfig);
  }

  void propertyConfig(String uniqueId, Map<String, Object> config) {
    propertyConfigs.put(uniqueId, config);
  }

  void fileConfig(String uniqueId, Map<String, Object> config) {
    fileConfigs.put(uniqueId, config);
  }

  /** Sets each node's config: the tree's, then the property file's, then the file's own. */
  void applyConfigs() {
    for (Node node : nodes.values()) {
      node.config(
          NodeConfig.of(treeConfigs.getOrDefault(node.uniqueId(), Map.of()))
              .merge(propertyConfigs.getOrDefault(node.uniqueId(), Map.of()))
              .merge(fileConfigs.getOrDefault(node.uniqueId(), Map.of())));
    }
  }

  /** Removes the disabled nodes and returns them. */
  List<Node> removeDisabled() {
    List<Node> disabled = new ArrayList<>();
    for (Node node : List.copyOf(nodes.values())) {
      if (!node.config().enabled()) {
        disabled.add(node);
        nodes.remove(node.uniqueId());
      }
    }
    return disabled;
  }
}
