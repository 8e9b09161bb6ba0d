package dev.taxiplatform.transform.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.lib.tag.MacroTag;
import com.hubspot.jinjava.tree.TagNode;
import java.util.LinkedHashMap;

/** The {@code macro} tag, creating macros that support dbt's {@code return()}. */
final class ProjectMacroTag extends MacroTag {
  private static final long serialVersionUID = 1L;

  @Override
  protected MacroFunction constructMacroFunction(
      TagNode tagNode,
      JinjavaInterpreter interpreter,
      String name,
      LinkedHashMap<String, Object> argNamesWithDefaults) {
    return new ProjectMacro(
        tagNode.getChildren(),
        name,
        argNamesWithDefaults,
        interpreter.getContext(),
        interpreter.getLineNumber(),
        tagNode.getStartPosition());
  }
}
