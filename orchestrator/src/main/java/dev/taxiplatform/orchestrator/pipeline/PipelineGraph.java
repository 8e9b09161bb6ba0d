package dev.taxiplatform.orchestrator.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tasks and their dependencies: a directed acyclic graph, its tasks in topological order. */
public final class PipelineGraph {
  private final List<TaskDefinition> ordered;
  private final Map<String, TaskDefinition> byId;
  private final Map<String, List<String>> downstream;

  private PipelineGraph(List<TaskDefinition> ordered) {
    this.ordered = List.copyOf(ordered);
    Map<String, TaskDefinition> index = new LinkedHashMap<>();
    Map<String, List<String>> children = new HashMap<>();
    for (TaskDefinition task : ordered) {
      index.put(task.id(), task);
      children.putIfAbsent(task.id(), new ArrayList<>());
      for (String upstream : task.dependsOn()) {
        children.computeIfAbsent(upstream, k -> new ArrayList<>()).add(task.id());
      }
    }
    this.byId = Map.copyOf(index);
    Map<String, List<String>> frozen = new HashMap<>();
    children.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.downstream = Map.copyOf(frozen);
  }

  /**
   * Orders tasks so every task comes after the tasks it depends on.
   *
   * @throws GraphException naming the missing dependency or the tasks of a cycle
   */
  public static PipelineGraph of(List<TaskDefinition> tasks) {
    Map<String, TaskDefinition> byId = new LinkedHashMap<>();
    for (TaskDefinition task : tasks) {
      if (byId.put(task.id(), task) != null) {
        throw new GraphException("task \"%s\" is declared twice".formatted(task.id()));
      }
    }
    for (TaskDefinition task : tasks) {
      for (String upstream : task.dependsOn()) {
        if (!byId.containsKey(upstream)) {
          throw new GraphException(
              "task \"%s\": depends_on names \"%s\", which is not a task of this pipeline"
                  .formatted(task.id(), upstream));
        }
        if (upstream.equals(task.id())) {
          throw new GraphException("task \"%s\" depends on itself".formatted(task.id()));
        }
      }
    }
    List<TaskDefinition> ordered = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>();
    for (TaskDefinition task : tasks) {
      visit(task, byId, state, new ArrayDeque<>(), ordered);
    }
    return new PipelineGraph(ordered);
  }

  private static void visit(
      TaskDefinition task,
      Map<String, TaskDefinition> byId,
      Map<String, Integer> state,
      Deque<String> path,
      List<TaskDefinition> ordered) {
    Integer seen = state.get(task.id());
    if (seen != null && seen == 2) {
      return;
    }
    path.addLast(task.id());
    if (seen != null && seen == 1) {
      List<String> cycle = new ArrayList<>(path);
      cycle = cycle.subList(cycle.indexOf(task.id()), cycle.size());
      throw new GraphException("the tasks form a cycle: " + String.join(" → ", cycle));
    }
    state.put(task.id(), 1);
    for (String upstream : task.dependsOn()) {
      visit(byId.get(upstream), byId, state, path, ordered);
    }
    state.put(task.id(), 2);
    path.removeLast();
    ordered.add(task);
  }

  /** Every task, each after its dependencies. */
  public List<TaskDefinition> tasks() {
    return ordered;
  }

  public TaskDefinition task(String id) {
    return Optional.ofNullable(byId.get(id))
        .orElseThrow(() -> new IllegalArgumentException("No task " + id));
  }

  /** The tasks that depend directly on {@code id}. */
  public List<String> downstreamOf(String id) {
    return downstream.getOrDefault(id, List.of());
  }

  /** A pipeline's tasks do not form a valid graph. */
  public static final class GraphException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GraphException(String message) {
      super(message);
    }
  }
}
