package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.graph.SourceTable;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The nearest existing names to a misspelt one, for error messages. */
final class NameSuggestions {
  private NameSuggestions() {}

  /** Nodes (other than tests) of the type, or of any type when {@code type} is null. */
  static String nodes(String name, ResourceType type, Collection<Node> nodes) {
    return of(
        name,
        nodes.stream()
            .filter(n -> n.type() != ResourceType.TEST && (type == null || n.type() == type))
            .map(Node::name)
            .toList());
  }

  static String sources(String name, Collection<SourceTable> sources) {
    return of(name, sources.stream().map(s -> s.sourceName() + "." + s.name()).toList());
  }

  static String of(String name, List<String> candidates) {
    List<String> close =
        candidates.stream()
            .distinct()
            .sorted(
                Comparator.comparingInt((String c) -> Levenshtein.distance(name, c))
                    .thenComparing(c -> c))
            .limit(3)
            .toList();
    return close.isEmpty() ? "" : ". Nearest existing names: " + String.join(", ", close);
  }
}
