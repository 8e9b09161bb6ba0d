package dev.taxiplatform.transform.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A generic test as written in a property file, before it becomes a node.
 *
 * @param testName the generic test ({@code not_null}, or {@code package.name})
 * @param customName the {@code name:} given to it, or null
 * @param kwargs its arguments
 * @param config its config ({@code severity}, {@code where}, ...)
 * @param columnName the column it is attached to, or null
 * @param targetId the unique id of the model, seed or source table it tests
 * @param targetName the name used in the test's name ({@code orders}, {@code raw_orders})
 * @param targetExpression the Jinja expression for the tested relation ({@code ref('orders')})
 * @param onSource whether it tests a source
 * @param file the property file
 * @param packageName the package of the property file
 */
record GenericTestSpec(
    String testName,
    String customName,
    Map<String, Object> kwargs,
    Map<String, Object> config,
    String columnName,
    String targetId,
    String targetName,
    String targetExpression,
    boolean onSource,
    String file,
    String packageName) {
  GenericTestSpec {
    Objects.requireNonNull(testName, "testName");
    Objects.requireNonNull(packageName, "packageName");
    kwargs = new LinkedHashMap<>(kwargs);
    config = new LinkedHashMap<>(config);
  }
}
