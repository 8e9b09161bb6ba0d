package dev.taxiplatform.transform.compile;

import dev.taxiplatform.transform.project.ProjectSettings;
import dev.taxiplatform.transform.project.Target;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every render of one invocation shares.
 *
 * @param project the project's settings
 * @param target the profile target
 * @param vars project vars overridden by {@code --vars}; a var may be null, as in dbt
 * @param environment environment variables for {@code env_var()}
 * @param fullRefresh {@code --full-refresh}
 * @param invocationId this invocation's id
 * @param startedAt when it started
 * @param command the command ({@code run}, {@code build}, ...)
 * @param console where {@code log(..., info=True)} prints
 * @param packageVars for each installed package, the vars its nodes and macros see
 */
public record RunSettings(
    ProjectSettings project,
    Target target,
    Map<String, Object> vars,
    Map<String, String> environment,
    boolean fullRefresh,
    String invocationId,
    Instant startedAt,
    String command,
    Consumer<String> console,
    Map<String, Map<String, Object>> packageVars) {
  public RunSettings {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(target, "target");
    vars = copyAllowingNulls(vars);
    environment = Map.copyOf(environment);
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(console, "console");
    Map<String, Map<String, Object>> perPackage = new LinkedHashMap<>();
    packageVars.forEach((name, values) -> perPackage.put(name, copyAllowingNulls(values)));
    packageVars = Collections.unmodifiableMap(perPackage);
  }

  /** An unmodifiable copy that keeps null values ({@code Map.copyOf} refuses them). */
  private static Map<String, Object> copyAllowingNulls(Map<String, Object> values) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The vars a template of that package sees (the root project's for the root project). */
  public Map<String, Object> varsFor(String packageName) {
    return packageVars.getOrDefault(packageName, vars);
  }
}
