package dev.taxiplatform.transform.jinja;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.tree.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A macro defined with {@code {% macro %}} in a template. Over Jinjava's macro it adds dbt's {@code
 * return(value)}: a macro that calls {@code return} evaluates to that value (any object), not to
 * its rendered text.
 */
final class ProjectMacro extends MacroFunction {

  ProjectMacro(
      List<Node> content,
      String name,
      LinkedHashMap<String, Object> argNamesWithDefaults,
      Context localContextScope,
      int lineNumber,
      int startPosition) {
    super(content, name, argNamesWithDefaults, false, localContextScope, lineNumber, startPosition);
  }

  @Override
  public Object doEvaluate(
      Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
    ReturnFrames frames = ReturnFrames.current();
    ReturnFrames.Frame frame = frames.push();
    try {
      Object rendered = super.doEvaluate(argMap, kwargMap, varArgs);
      return frame.returned() ? frame.value() : rendered;
    } finally {
      frames.pop(frame);
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
