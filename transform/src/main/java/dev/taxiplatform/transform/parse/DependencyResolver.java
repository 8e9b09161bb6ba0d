package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.compile.CompilerError;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.graph.SourceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves each node's {@code ref()} and {@code source()} calls to the nodes and sources they name:
 * in the node's own package first, then in the root project, then in the other packages.
 */
final class DependencyResolver {
  private final ParseResults results;
  private final String rootProject;
  private final List<String> packages;

  /**
   * @param packages the installed packages' names
   */
  DependencyResolver(ParseResults results, String rootProject, List<String> packages) {
    this.results = Objects.requireNonNull(results, "results");
    this.rootProject = Objects.requireNonNull(rootProject, "rootProject");
    this.packages = List.copyOf(packages);
  }

  void resolve() {
    for (Node node : results.nodes().values()) {
      for (List<String> ref : node.refs()) {
        node.addDependency(ref(node, ref).uniqueId());
      }
      for (List<String> source : node.sources()) {
        node.addDependency(source(node, source.get(0), source.get(1)).uniqueId());
      }
    }
  }

  private List<String> searchOrder(Node from) {
    List<String> order = new ArrayList<>();
    order.add(from.packageName());
    if (!order.contains(rootProject)) {
      order.add(rootProject);
    }
    packages.stream().filter(p -> !order.contains(p)).forEach(order::add);
    return order;
  }

  /** The node a {@code ref()} names: a model, else a seed, else a snapshot. */
  private Node ref(Node from, List<String> ref) {
    String name = ref.get(ref.size() - 1);
    List<String> search = searchOrder(from);
    if (ref.size() == 2) {
      String packageName = ref.get(0);
      if (!search.contains(packageName)) {
        throw new CompilerError(
            "%s '%s' (%s) refers to ref('%s', '%s'), but package '%s' is not part of this project"
                .formatted(
                    from.type().label(),
                    from.name(),
                    from.originalFilePath(),
                    packageName,
                    name,
                    packageName));
      }
      search = List.of(packageName);
    }
    for (String packageName : search) {
      for (ResourceType type :
          List.of(ResourceType.MODEL, ResourceType.SEED, ResourceType.SNAPSHOT)) {
        Node target = results.nodes().get(type.label() + "." + packageName + "." + name);
        if (target != null) {
          return target;
        }
      }
    }
    throw new CompilerError(
        "%s '%s' (%s) depends on a node named '%s' which was not found%s"
            .formatted(
                from.type().label(),
                from.name(),
                from.originalFilePath(),
                name,
                NameSuggestions.nodes(name, null, results.nodes().values())));
  }

  private SourceTable source(Node from, String sourceName, String tableName) {
    Optional<SourceTable> found =
        searchOrder(from).stream()
            .map(p -> results.sources().get("source." + p + "." + sourceName + "." + tableName))
            .filter(Objects::nonNull)
            .findFirst();
    return found.orElseThrow(
        () ->
            new CompilerError(
                "%s '%s' (%s) depends on a source named '%s.%s' which was not found%s"
                    .formatted(
                        from.type().label(),
                        from.name(),
                        from.originalFilePath(),
                        sourceName,
                        tableName,
                        NameSuggestions.sources(
                            sourceName + "." + tableName, results.sources().values()))));
  }
}
