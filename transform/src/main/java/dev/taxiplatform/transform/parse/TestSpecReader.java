package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the generic tests of a property file entry ({@code tests:}/{@code data_tests:} of a model,
 * seed, source table or column) in the forms dbt accepts: a name, {@code {name: {args}}}, or {@code
 * {test_name: name, ...}}; arguments that are configs go to the test's config.
 */
final class TestSpecReader {
  private static final Set<String> TEST_CONFIG_KEYS =
      Set.of(
          "severity",
          "where",
          "limit",
          "warn_if",
          "error_if",
          "fail_calc",
          "store_failures",
          "tags",
          "enabled",
          "meta",
          "alias",
          "schema",
          "database");

  private TestSpecReader() {}

  /** The test definitions under {@code tests:} and {@code data_tests:}. */
  static List<Object> tests(Map<String, Object> entry) {
    List<Object> tests = new ArrayList<>(Yaml.list(entry.get("tests")));
    tests.addAll(Yaml.list(entry.get("data_tests")));
    return tests;
  }

  static GenericTestSpec read(
      Object definition,
      String columnName,
      String targetId,
      String targetName,
      String targetExpression,
      boolean onSource,
      String origin,
      String packageName) {
    String testName;
    Map<String, Object> arguments = new LinkedHashMap<>();
    if (definition instanceof String text) {
      testName = text;
    } else if (definition instanceof Map<?, ?> map && map.size() == 1) {
      Map.Entry<?, ?> only = map.entrySet().iterator().next();
      testName = String.valueOf(only.getKey());
      arguments.putAll(Yaml.map(only.getValue()));
    } else if (definition instanceof Map<?, ?> map && map.containsKey("test_name")) {
      Map<String, Object> all = Yaml.map(map);
      testName = String.valueOf(all.get("test_name"));
      arguments.putAll(all);
      arguments.remove("test_name");
    } else {
      throw new ProjectException(
          "%s: cannot read the test %s on %s; write a test as a name (not_null) or as"
                  .formatted(origin, definition, targetName)
              + " {name: {argument: value, config: {...}}}");
    }
    String customName =
        arguments.containsKey("name") ? String.valueOf(arguments.remove("name")) : null;
    Map<String, Object> config = new LinkedHashMap<>(Yaml.map(arguments.remove("config")));
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (arguments.get("arguments") instanceof Map<?, ?> explicit) {
      kwargs.putAll(Yaml.map(explicit));
      arguments.remove("arguments");
    }
    for (Map.Entry<String, Object> argument : arguments.entrySet()) {
      if (TEST_CONFIG_KEYS.contains(argument.getKey())) {
        config.put(argument.getKey(), argument.getValue());
      } else {
        kwargs.put(argument.getKey(), argument.getValue());
      }
    }
    return new GenericTestSpec(
        testName,
        customName,
        kwargs,
        config,
        columnName,
        targetId,
        targetName,
        targetExpression,
        onSource,
        origin,
        packageName);
  }
}
