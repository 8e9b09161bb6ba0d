package dev.taxiplatform.transform.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes YAML values as Jinja expressions, to build the call of a generic test: strings become
 * quoted literals, except {@code ref(...)} and {@code source(...)} calls, which stay expressions
 * (as dbt renders them).
 */
public final class JinjaLiterals {
  private static final Pattern RELATION_CALL =
      Pattern.compile("^\\s*(ref|source)\\s*\\(.*\\)\\s*$", Pattern.DOTALL);

  private JinjaLiterals() {}

  public static String literal(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (value instanceof Number) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(v -> items.add(literal(v)));
      return "[" + String.join(", ", items) + "]";
    }
    if (value instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      map.forEach((k, v) -> items.add(quote(String.valueOf(k)) + ": " + literal(v)));
      return "{" + String.join(", ", items) + "}";
    }
    String text = value.toString();
    if (RELATION_CALL.matcher(text).matches()) {
      return text.strip();
    }
    String stripped = text.strip();
    if (stripped.startsWith("{{") && stripped.endsWith("}}")) {
      return "(" + stripped.substring(2, stripped.length() - 2).strip() + ")";
    }
    return quote(text);
  }

  static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }
}
