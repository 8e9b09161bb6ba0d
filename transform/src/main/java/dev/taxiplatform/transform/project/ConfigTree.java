package dev.taxiplatform.transform.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A config tree of {@code dbt_project.yml} ({@code models:}, {@code seeds:}, {@code data_tests:}):
 * keys starting with {@code +} (or naming a known config) are configs, other keys are directories
 * along a node's fully qualified name. Deeper levels override shallower ones.
 */
public final class ConfigTree {
  private static final Set<String> KNOWN_CONFIGS =
      Set.of(
          "materialized",
          "schema",
          "alias",
          "database",
          "tags",
          "enabled",
          "unique_key",
          "incremental_strategy",
          "on_schema_change",
          "full_refresh",
          "persist_docs",
          "meta",
          "docs",
          "pre-hook",
          "post-hook",
          "pre_hook",
          "post_hook",
          "column_types",
          "quote_columns",
          "severity",
          "warn_if",
          "error_if",
          "where",
          "limit",
          "store_failures",
          "fail_calc",
          "grants",
          "contract",
          "indexes",
          "delimiter",
          "group",
          "access",
          "sql_header",
          "quoting");

  private final Map<String, Object> tree;

  public ConfigTree(Map<String, Object> tree) {
    this.tree = tree == null ? Map.of() : tree;
  }

  /** Whether {@code key} is a config key at any level (not a directory). */
  public static boolean isConfigKey(String key) {
    return key.startsWith("+") || KNOWN_CONFIGS.contains(key);
  }

  /** The configs that apply to a node with this fully qualified name. */
  public Map<String, Object> resolve(List<String> fqn) {
    Map<String, Object> config = new LinkedHashMap<>();
    Map<String, Object> level = tree;
    collect(level, config);
    for (String part : fqn) {
      Object next = level.get(part);
      if (!(next instanceof Map<?, ?>)) {
        break;
      }
      level = Yaml.map(next);
      collect(level, config);
    }
    return config;
  }

  private static void collect(Map<String, Object> level, Map<String, Object> config) {
    for (Map.Entry<String, Object> entry : level.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith("+")) {
        put(config, key.substring(1), entry.getValue());
      } else if (KNOWN_CONFIGS.contains(key) && !(entry.getValue() instanceof Map<?, ?>)) {
        put(config, key, entry.getValue());
      } else if (KNOWN_CONFIGS.contains(key)
          && (key.equals("meta") || key.equals("column_types") || key.equals("docs"))) {
        put(config, key, entry.getValue());
      }
    }
  }

  private static void put(Map<String, Object> config, String key, Object value) {
    if (key.equals("tags") && config.get("tags") instanceof List<?> previous) {
      List<Object> tags = new java.util.ArrayList<>(previous);
      for (Object tag : Yaml.list(value)) {
        if (!tags.contains(tag)) {
          tags.add(tag);
        }
      }
      config.put("tags", tags);
    } else {
      config.put(key, value);
    }
  }
}
