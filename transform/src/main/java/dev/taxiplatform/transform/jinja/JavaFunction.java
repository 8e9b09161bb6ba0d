package dev.taxiplatform.transform.jinja;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A function implemented in Java that templates call like a macro ({@code ref('x')}, {@code
 * config(materialized='table')}), with positional and keyword arguments resolved against the
 * declared parameter names. It is registered as a global macro, which is how Jinjava resolves a
 * bare function call.
 */
public final class JavaFunction extends MacroFunction {

  /** The body of a Java-implemented function. */
  @FunctionalInterface
  public interface Body {
    /**
     * @param args the declared parameters, by name, with their defaults when not passed
     * @param kwargs keyword arguments that match no declared parameter
     * @param varargs positional arguments beyond the declared parameters
     * @return the value of the call
     */
    Object call(Map<String, Object> args, Map<String, Object> kwargs, List<Object> varargs);
  }

  private final Body body;

  private JavaFunction(String name, LinkedHashMap<String, Object> parameters, Body body) {
    super(List.of(), name, parameters, false, null, 0, 0);
    this.body = Objects.requireNonNull(body, "body");
  }

  /**
   * A function with the given parameters; each parameter is written {@code name} (default None) or
   * {@code name=default} is not supported: pass defaults with {@link #of(String, Map, Body)}.
   */
  public static JavaFunction of(String name, List<String> parameters, Body body) {
    LinkedHashMap<String, Object> named = new LinkedHashMap<>();
    parameters.forEach(p -> named.put(p, null));
    return new JavaFunction(name, named, body);
  }

  /** A function whose parameters have defaults (iteration order is the positional order). */
  public static JavaFunction of(
      String name, Map<String, Object> parametersWithDefaults, Body body) {
    return new JavaFunction(name, new LinkedHashMap<>(parametersWithDefaults), body);
  }

  @Override
  public Object doEvaluate(
      Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
    try {
      return body.call(argMap, kwargMap, varArgs);
    } catch (RuntimeException e) {
      JinjaEngine.recordFailure(e);
      throw e;
    }
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
