package dev.taxiplatform.transform.project;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import dev.taxiplatform.transform.jinja.JavaFunction;
import dev.taxiplatform.transform.jinja.JinjaEngine;
import dev.taxiplatform.transform.jinja.TemplateSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the Jinja in YAML values ({@code profiles.yml}, {@code dbt_project.yml}): {@code
 * env_var()} and {@code var()}.
 */
public final class ValueRenderer {
  private final JinjaEngine engine;
  private final List<MacroFunction> functions;

  public ValueRenderer(Map<String, String> environment, Map<String, Object> vars) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(vars, "vars");
    this.engine = JinjaEngine.create(List.of(), List.of());
    this.functions = List.of(envVar(environment), var(vars));
  }

  /** The {@code env_var(name, default)} function. */
  public static JavaFunction envVar(Map<String, String> environment) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("name", null);
    parameters.put("default", null);
    return JavaFunction.of(
        "env_var",
        parameters,
        (args, kwargs, varargs) -> {
          String name = String.valueOf(args.get("name"));
          String value = environment.get(name);
          if (value != null) {
            return value;
          }
          if (args.get("default") != null) {
            return args.get("default");
          }
          throw new ProjectException(
              "Env var required but not provided: '%s'. Set it, or give env_var() a default."
                  .formatted(name));
        });
  }

  /** The {@code var(name, default)} function over the given variables. */
  public static JavaFunction var(Map<String, Object> vars) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("name", null);
    parameters.put("default", null);
    return JavaFunction.of(
        "var",
        parameters,
        (args, kwargs, varargs) -> {
          String name = String.valueOf(args.get("name"));
          if (vars.containsKey(name)) {
            return vars.get(name);
          }
          if (args.containsKey("default") && args.get("default") != null) {
            return args.get("default");
          }
          throw new ProjectException(
              "Required var '%s' not found in config: define it under vars: in dbt_project.yml or pass --vars \"{%s: ...}\""
                  .formatted(name, name));
        });
  }

  /**
   * Hooks are rendered when they run, in their node's context (they use {@code this}), or for run
   * hooks at the start and end of the run (they use {@code schemas} and {@code results}).
   */
  private static boolean isHook(String key) {
    String bare = key.startsWith("+") ? key.substring(1) : key;
    return bare.equals("pre-hook")
        || bare.equals("on-run-start")
        || bare.equals("on-run-end")
        || bare.equals("post-hook")
        || bare.equals("pre_hook")
        || bare.equals("post_hook");
  }

  /** Renders every string in {@code value} (maps and lists recursively), except hooks. */
  public Object render(Object value, String origin) {
    if (value instanceof String text) {
      if (!text.contains("{{") && !text.contains("{%")) {
        return text;
      }
      return engine.render(new TemplateSource(origin, text), Map.of(), functions);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> rendered = new LinkedHashMap<>();
      map.forEach(
          (k, v) ->
              rendered.put(String.valueOf(k), isHook(String.valueOf(k)) ? v : render(v, origin)));
      return rendered;
    }
    if (value instanceof List<?> list) {
      List<Object> rendered = new ArrayList<>();
      list.forEach(v -> rendered.add(render(v, origin)));
      return rendered;
    }
    return value;
  }
}
