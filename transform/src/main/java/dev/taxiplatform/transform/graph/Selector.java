package dev.taxiplatform.transform.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's node selection syntax: space-separated terms are a union, comma-joined atoms an
 * intersection; an atom is a method ({@code tag:}, {@code source:}, {@code path:}, {@code fqn:},
 * {@code resource_type:}, {@code config.<key>:}, {@code test_type:}, {@code test_name:}, {@code
 * package:}; a bare name is a node name, a folder of the fqn, or a path) with graph operators
 * {@code +x}, {@code x+}, {@code N+x}, {@code x+N} and {@code @x}. Tests are selected indirectly
 * ("eager"): a test is selected when any node it tests is.
 */
public final class Selector {
  private static final Pattern ATOM =
      Pattern.compile("^(@)?(?:(\\d*)(\\+))?([^+]+?)(?:(\\+)(\\d*))?$");

  private final Manifest manifest;
  private final Map<String, Selectable> universe = new HashMap<>();

  /** A node or a source, as selection sees it. */
  private record Selectable(
      String id,
      ResourceType type,
      String name,
      List<String> fqn,
      String path,
      List<String> tags,
      Map<String, Object> config,
      String sourceName,
      Node node) {}

  public Selector(Manifest manifest) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    for (Node node : manifest.nodes().values()) {
      universe.put(
          node.uniqueId(),
          new Selectable(
              node.uniqueId(),
              node.type(),
              node.name(),
              node.fqn(),
              node.originalFilePath(),
              node.config().tags(),
              node.config().values(),
              null,
              node));
    }
    for (SourceTable source : manifest.sources().values()) {
      universe.put(
          source.uniqueId(),
          new Selectable(
              source.uniqueId(),
              ResourceType.SOURCE,
              source.name(),
              source.fqn(),
              source.originalFilePath(),
              source.tags(),
              Map.of(),
              source.sourceName(),
              null));
    }
  }

  /**
   * The selected node ids (models, seeds and tests; sources are never returned).
   *
   * @param select {@code --select} values (empty: everything)
   * @param exclude {@code --exclude} values
   */
  public Set<String> select(List<String> select, List<String> exclude) {
    Set<String> selected =
        terms(select).isEmpty() ? new LinkedHashSet<>(universe.keySet()) : evaluate(terms(select));
    addIndirectTests(selected);
    if (!terms(exclude).isEmpty()) {
      Set<String> excluded = evaluate(terms(exclude));
      addIndirectTests(excluded);
      selected.removeAll(excluded);
    }
    Set<String> result = new LinkedHashSet<>();
    for (String id : manifest.nodes().keySet()) {
      if (selected.contains(id)) {
        result.add(id);
      }
    }
    return result;
  }

  private static List<String> terms(List<String> values) {
    List<String> terms = new ArrayList<>();
    for (String value : values) {
      for (String term : value.trim().split("\\s+")) {
        if (!term.isEmpty()) {
          terms.add(term);
        }
      }
    }
    return terms;
  }

  private Set<String> evaluate(List<String> terms) {
    Set<String> union = new LinkedHashSet<>();
    for (String term : terms) {
      Set<String> intersection = null;
      for (String atom : term.split(",")) {
        if (atom.isEmpty()) {
          continue;
        }
        Set<String> matched = atom(atom);
        if (intersection == null) {
          intersection = matched;
        } else {
          intersection.retainAll(matched);
        }
      }
      if (intersection != null) {
        union.addAll(intersection);
      }
    }
    return union;
  }

  private Set<String> atom(String atom) {
    Matcher matcher = ATOM.matcher(atom);
    if (!matcher.matches()) {
      throw new SelectorException("Cannot read the selector '%s'".formatted(atom));
    }
    boolean at = matcher.group(1) != null;
    boolean parents = matcher.group(3) != null;
    int parentDepth = depth(matcher.group(2));
    boolean children = matcher.group(5) != null;
    int childDepth = depth(matcher.group(6));
    Set<String> base = method(matcher.group(4));
    Set<String> result = new LinkedHashSet<>(base);
    if (at) {
      Set<String> descendants = walk(base, manifest.childMap(), Integer.MAX_VALUE);
      result.addAll(descendants);
      result.addAll(walk(descendants, manifest.parentMap(), Integer.MAX_VALUE));
      result.addAll(walk(base, manifest.parentMap(), Integer.MAX_VALUE));
      return result;
    }
    if (parents) {
      result.addAll(walk(base, manifest.parentMap(), parentDepth));
    }
    if (children) {
      result.addAll(walk(base, manifest.childMap(), childDepth));
    }
    return result;
  }

  private static int depth(String digits) {
    return digits == null || digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private static Set<String> walk(Set<String> start, Map<String, List<String>> edges, int depth) {
    Set<String> found = new LinkedHashSet<>();
    Deque<String> frontier = new ArrayDeque<>(start);
    for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
      Deque<String> next = new ArrayDeque<>();
      for (String id : frontier) {
        for (String neighbour : edges.getOrDefault(id, List.of())) {
          if (found.add(neighbour)) {
            next.add(neighbour);
          }
        }
      }
      frontier = next;
    }
    return found;
  }

  private Set<String> method(String selector) {
    int colon = selector.indexOf(':');
    String method = colon < 0 ? null : selector.substring(0, colon);
    String value = colon < 0 ? selector : selector.substring(colon + 1);
    Predicate<Selectable> predicate;
    if (method == null) {
      predicate = looksLikePath(value) ? path(value) : fqn(value);
    } else if (method.startsWith("config.")) {
      String key = method.substring("config.".length());
      predicate = s -> s.config().containsKey(key) && configMatches(s.config().get(key), value);
    } else {
      predicate =
          switch (method) {
            case "tag" -> s -> s.tags().stream().anyMatch(t -> glob(value, t));
            case "source" -> source(value);
            case "path", "file" -> path(value);
            case "fqn" -> fqn(value);
            case "resource_type" -> s -> s.type().label().equals(value.toLowerCase(Locale.ROOT));
            case "package" -> s -> glob(value, s.fqn().get(0));
            case "test_type" ->
                s ->
                    s.type() == ResourceType.TEST
                        && switch (value) {
                          case "generic" -> s.node().testMetadata() != null;
                          case "singular", "data" -> s.node().testMetadata() == null;
                          default -> false;
                        };
            case "test_name" ->
                s ->
                    s.node() != null
                        && s.node().testMetadata() != null
                        && glob(value, s.node().testMetadata().name());
            default ->
                throw new SelectorException(
                    ("Unknown selector method '%s' in '%s'. Supported: tag, source, path, fqn,"
                            + " resource_type, config.<key>, test_type, test_name, package")
                        .formatted(method, selector));
          };
    }
    Set<String> matched = new LinkedHashSet<>();
    for (Selectable selectable : universe.values()) {
      if (predicate.test(selectable)) {
        matched.add(selectable.id());
      }
    }
    return matched;
  }

  private static boolean configMatches(Object configured, String value) {
    if (configured instanceof List<?> list) {
      return list.stream().anyMatch(v -> String.valueOf(v).equals(value));
    }
    return String.valueOf(configured).equalsIgnoreCase(value);
  }

  private static boolean looksLikePath(String value) {
    return value.contains("/")
        || value.endsWith(".sql")
        || value.endsWith(".csv")
        || value.endsWith(".yml");
  }

  private static Predicate<Selectable> path(String value) {
    String wanted = value.replace('\\', '/').replaceAll("/+$", "").replaceFirst("^\\./", "");
    return s ->
        s.path().equals(wanted) || s.path().startsWith(wanted + "/") || glob(wanted, s.path());
  }

  private static Predicate<Selectable> source(String value) {
    String[] parts = value.split("\\.");
    return s -> {
      if (s.type() != ResourceType.SOURCE) {
        return false;
      }
      if (parts.length == 1) {
        return glob(parts[0], s.sourceName());
      }
      if (parts.length == 2) {
        return glob(parts[0], s.sourceName()) && glob(parts[1], s.name());
      }
      return glob(parts[0], s.fqn().get(0))
          && glob(parts[1], s.sourceName())
          && glob(parts[2], s.name());
    };
  }

  private static Predicate<Selectable> fqn(String value) {
    List<String> parts = List.of(value.split("\\."));
    return s -> {
      if (s.type() == ResourceType.SOURCE) {
        return false;
      }
      if (parts.size() == 1 && glob(parts.get(0), s.name())) {
        return true;
      }
      return prefixMatches(parts, s.fqn())
          || prefixMatches(parts, s.fqn().subList(1, s.fqn().size()));
    };
  }

  private static boolean prefixMatches(List<String> parts, List<String> fqn) {
    if (parts.size() > fqn.size()) {
      return false;
    }
    for (int i = 0; i < parts.size(); i++) {
      if (!glob(parts.get(i), fqn.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean glob(String pattern, String value) {
    if (!pattern.contains("*") && !pattern.contains("?")) {
      return pattern.equals(value);
    }
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return value.matches(regex.toString());
  }

  private void addIndirectTests(Set<String> selected) {
    for (Node node : manifest.nodes().values()) {
      if (node.type() == ResourceType.TEST && !selected.contains(node.uniqueId())) {
        for (String parent : node.dependsOn()) {
          if (selected.contains(parent)) {
            selected.add(node.uniqueId());
            break;
          }
        }
      }
    }
  }
}
