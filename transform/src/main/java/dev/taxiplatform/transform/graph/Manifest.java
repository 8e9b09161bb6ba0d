package dev.taxiplatform.transform.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parsed project: its nodes (models, seeds, tests), sources, macros and docs blocks, and the
 * dependency graph between them.
 */
public final class Manifest {
  private final String projectName;
  private final Map<String, Node> nodes;
  private final Map<String, SourceTable> sources;
  private final Map<String, MacroDefinition> macros;
  private final Map<String, String> docs;
  private final List<Node> disabled;
  private final Map<String, List<String>> parentMap;
  private final Map<String, List<String>> childMap;

  public Manifest(
      String projectName,
      Map<String, Node> nodes,
      Map<String, SourceTable> sources,
      Map<String, MacroDefinition> macros,
      Map<String, String> docs,
      List<Node> disabled) {
    this.projectName = Objects.requireNonNull(projectName, "projectName");
    this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    this.macros = Collections.unmodifiableMap(new LinkedHashMap<>(macros));
    this.docs = Collections.unmodifiableMap(new LinkedHashMap<>(docs));
    this.disabled = List.copyOf(disabled);
    Map<String, List<String>> parents = new TreeMap<>();
    Map<String, List<String>> children = new TreeMap<>();
    sources.keySet().forEach(id -> children.put(id, new ArrayList<>()));
    sources.keySet().forEach(id -> parents.put(id, new ArrayList<>()));
    nodes.keySet().forEach(id -> children.put(id, new ArrayList<>()));
    for (Node node : nodes.values()) {
      parents.put(node.uniqueId(), new ArrayList<>(node.dependsOn()));
      for (String parent : node.dependsOn()) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(node.uniqueId());
      }
    }
    children.values().forEach(Collections::sort);
    this.parentMap = Collections.unmodifiableMap(parents);
    this.childMap = Collections.unmodifiableMap(children);
  }

  public String projectName() {
    return projectName;
  }

  /** Models, seeds and tests by unique id, in parse order. */
  public Map<String, Node> nodes() {
    return nodes;
  }

  public Map<String, SourceTable> sources() {
    return sources;
  }

  /** Macros by name (the last definition wins). */
  public Map<String, MacroDefinition> macros() {
    return macros;
  }

  /** Docs blocks by name. */
  public Map<String, String> docs() {
    return docs;
  }

  public List<Node> disabled() {
    return disabled;
  }

  public Optional<Node> node(String uniqueId) {
    return Optional.ofNullable(nodes.get(uniqueId));
  }

  public Map<String, List<String>> parentMap() {
    return parentMap;
  }

  public Map<String, List<String>> childMap() {
    return childMap;
  }

  /** The ids that depend directly on {@code uniqueId}. */
  public List<String> children(String uniqueId) {
    return childMap.getOrDefault(uniqueId, List.of());
  }

  /** The ids {@code uniqueId} depends on directly. */
  public List<String> parents(String uniqueId) {
    return parentMap.getOrDefault(uniqueId, List.of());
  }

  public long count(ResourceType type) {
    return nodes.values().stream().filter(n -> n.type() == type).count();
  }
}
