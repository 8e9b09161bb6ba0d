package dev.taxiplatform.transform.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A node's resolved configuration: the merged {@code config} of {@code dbt_project.yml}, property
 * files and the node's own {@code config()} call, with typed accessors for what the engine uses.
 */
public final class NodeConfig {
  private final Map<String, Object> values;

  private NodeConfig(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A configuration of these values ({@code pre-hook} keys become {@code pre_hook}). */
  public static NodeConfig of(Map<String, Object> values) {
    return new NodeConfig(Map.of()).merge(values);
  }

  /** All values, as dbt's {@code config} dictionary. */
  public Map<String, Object> values() {
    return values;
  }

  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String string(String key, String fallback) {
    Object value = values.get(key);
    return value == null ? fallback : value.toString();
  }

  public boolean bool(String key, boolean fallback) {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    return Boolean.parseBoolean(value.toString().trim());
  }

  public String materialized() {
    return string("materialized", "view").toLowerCase(Locale.ROOT);
  }

  public boolean enabled() {
    return bool("enabled", true);
  }

  public List<String> tags() {
    return tagsOf(values.get("tags"));
  }

  private static List<String> tagsOf(Object value) {
    List<String> tags = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(t -> tags.add(String.valueOf(t)));
    } else if (value != null) {
      tags.add(value.toString());
    }
    return tags;
  }

  /** {@code unique_key}: a column, a list of columns, or empty. */
  public List<String> uniqueKey() {
    Object value = values.get("unique_key");
    List<String> keys = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(k -> keys.add(String.valueOf(k)));
    } else if (value != null && !value.toString().isBlank()) {
      keys.add(value.toString());
    }
    return keys;
  }

  /** The custom schema ({@code schema}), or null. */
  public String schema() {
    return string("schema", null);
  }

  public String severity() {
    return string("severity", "error").toLowerCase(Locale.ROOT);
  }

  /** Merges {@code overrides} over these values as dbt does: tags add up, meta merges. */
  public NodeConfig merge(Map<String, Object> overrides) {
    Map<String, Object> merged = new LinkedHashMap<>(values);
    for (Map.Entry<String, Object> entry : overrides.entrySet()) {
      String key = normalize(entry.getKey());
      Object value = entry.getValue();
      if (key.equals("tags")) {
        List<String> tags = new ArrayList<>(tags());
        for (String tag : tagsOf(value)) {
          if (!tags.contains(tag)) {
            tags.add(tag);
          }
        }
        merged.put("tags", tags);
      } else if ((key.equals("meta") || key.equals("column_types"))
          && value instanceof Map<?, ?> map
          && merged.get(key) instanceof Map<?, ?> previous) {
        Map<Object, Object> combined = new LinkedHashMap<>(previous);
        combined.putAll(map);
        merged.put(key, combined);
      } else if (key.equals("pre_hook") || key.equals("post_hook")) {
        List<Object> hooks = new ArrayList<>();
        if (merged.get(key) instanceof List<?> previous) {
          hooks.addAll(previous);
        }
        if (value instanceof List<?> list) {
          hooks.addAll(list);
        } else if (value != null) {
          hooks.add(value);
        }
        merged.put(key, hooks);
      } else {
        merged.put(key, value);
      }
    }
    return new NodeConfig(merged);
  }

  /** dbt accepts {@code pre-hook} and {@code pre_hook}; the engine uses the latter. */
  static String normalize(String key) {
    return switch (key) {
      case "pre-hook" -> "pre_hook";
      case "post-hook" -> "post_hook";
      default -> key;
    };
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
