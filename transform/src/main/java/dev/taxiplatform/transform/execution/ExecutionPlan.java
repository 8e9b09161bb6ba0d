package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes to run and what each waits for: its nearest selected ancestors (through nodes that are
 * not run, such as ephemeral models), and, when {@code testsGate} is set ({@code build}), every
 * selected test all of whose parents are upstream of it (as dbt adds test edges), so a failing test
 * skips what is built on the tested nodes.
 *
 * @param order the nodes in a topological order
 * @param waitsFor for each node, the ids it waits for
 */
public record ExecutionPlan(List<Node> order, Map<String, Set<String>> waitsFor) {

  public static ExecutionPlan of(
      Manifest manifest, Collection<String> selected, boolean testsGate) {
    Set<String> chosen = new LinkedHashSet<>();
    for (String id : selected) {
      Node node = manifest.nodes().get(id);
      if (node != null && !node.isEphemeral()) {
        chosen.add(id);
      }
    }
    Map<String, Set<String>> waits = new LinkedHashMap<>();
    for (String id : chosen) {
      waits.put(id, nearestChosenAncestors(manifest, id, chosen));
    }
    if (testsGate) {
      Map<String, List<String>> testsOf = new HashMap<>();
      for (String id : chosen) {
        Node node = manifest.nodes().get(id);
        if (node.type() == ResourceType.TEST) {
          for (String parent : node.dependsOn()) {
            testsOf.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
          }
        }
      }
      Map<String, Set<String>> ancestorCache = new HashMap<>();
      for (String id : chosen) {
        Node node = manifest.nodes().get(id);
        if (node.type() == ResourceType.TEST) {
          continue;
        }
        Set<String> upstream = ancestorCache.computeIfAbsent(id, k -> ancestors(manifest, k));
        for (String ancestor : upstream) {
          for (String test : testsOf.getOrDefault(ancestor, List.of())) {
            if (upstream.containsAll(manifest.nodes().get(test).dependsOn())) {
              waits.get(id).add(test);
            }
          }
        }
      }
    }
    return new ExecutionPlan(topological(manifest, chosen, waits), waits);
  }

  private static Set<String> nearestChosenAncestors(
      Manifest manifest, String id, Set<String> chosen) {
    Set<String> found = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(manifest.parents(id));
    Set<String> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      String parent = queue.poll();
      if (!seen.add(parent)) {
        continue;
      }
      if (chosen.contains(parent)) {
        found.add(parent);
      } else {
        queue.addAll(manifest.parents(parent));
      }
    }
    return found;
  }

  static Set<String> ancestors(Manifest manifest, String id) {
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(manifest.parents(id));
    while (!queue.isEmpty()) {
      String parent = queue.poll();
      if (seen.add(parent)) {
        queue.addAll(manifest.parents(parent));
      }
    }
    return seen;
  }

  private static List<Node> topological(
      Manifest manifest, Set<String> chosen, Map<String, Set<String>> waits) {
    List<Node> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    Map<String, Integer> state = new HashMap<>();
    for (String id : chosen) {
      visit(manifest, id, waits, placed, state, order);
    }
    return order;
  }

  private static void visit(
      Manifest manifest,
      String id,
      Map<String, Set<String>> waits,
      Set<String> placed,
      Map<String, Integer> state,
      List<Node> order) {
    if (placed.contains(id)) {
      return;
    }
    if (state.getOrDefault(id, 0) == 1) {
      throw new IllegalStateException("The graph has a cycle through " + id);
    }
    state.put(id, 1);
    for (String dependency : waits.get(id)) {
      visit(manifest, dependency, waits, placed, state, order);
    }
    state.put(id, 2);
    placed.add(id);
    order.add(manifest.nodes().get(id));
  }
}
