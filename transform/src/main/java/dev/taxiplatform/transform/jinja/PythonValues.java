package dev.taxiplatform.transform.jinja;

import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Python's {@code str()} and {@code repr()} of template values, so that printed values read as
 * Jinja2 prints them: {@code True}, {@code ['a', 1]}, {@code {'k': 'v'}}. An undefined value and
 * {@code None} both print as the empty string (Jinjava cannot tell them apart, and printing an
 * undefined variable is the common case).
 */
public final class PythonValues {
  private PythonValues() {}

  /** What {@code {{ value }}} prints. */
  public static String str(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String || value instanceof SafeString) {
      return value.toString();
    }
    StringBuilder out = new StringBuilder();
    append(out, value, false);
    return out.toString();
  }

  /** Python's {@code repr()}: strings quoted, as inside a printed list. */
  public static String repr(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, true);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value, boolean quoted) {
    if (value == null) {
      out.append("None");
    } else if (value instanceof Boolean b) {
      out.append(b ? "True" : "False");
    } else if (value instanceof CharSequence || value instanceof Character) {
      if (quoted) {
        quote(out, value.toString());
      } else {
        out.append(value);
      }
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(d == Math.rint(d) && !Double.isInfinite(d) ? String.format("%.1f", d) : value);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        append(out, entry.getKey(), true);
        out.append(": ");
        append(out, entry.getValue(), true);
      }
      out.append('}');
    } else if (value instanceof Iterable<?> items) {
      out.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        append(out, item, true);
      }
      out.append(']');
    } else if (value instanceof Object[] array) {
      append(out, java.util.Arrays.asList(array), quoted);
    } else {
      out.append(value);
    }
  }

  private static void quote(StringBuilder out, String text) {
    char q = text.contains("'") && !text.contains("\"") ? '"' : '\'';
    out.append(q);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == q) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    out.append(q);
  }
}
