package dev.taxiplatform.transform.jinja;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python's string, dict and list methods that dbt projects call in templates ({@code name.upper()},
 * {@code text.split(',')}, {@code d.items()}, {@code d.get('k', 'default')}), which Java's classes
 * lack or name differently.
 */
final class PythonMethodResolver extends ELResolver {

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base == null || method == null) {
      return null;
    }
    String name = method.toString();
    Object[] args = params == null ? new Object[0] : params;
    Object result;
    if (base instanceof String text) {
      result = stringMethod(text, name, args);
    } else if (base instanceof Map<?, ?> map) {
      result = mapMethod(map, name, args);
    } else if (base instanceof List<?> list) {
      result = listMethod(list, name, args);
    } else {
      return null;
    }
    if (result != NOT_HANDLED) {
      context.setPropertyResolved(true);
      return result;
    }
    return null;
  }

  private static final Object NOT_HANDLED = new Object();

  private static Object stringMethod(String text, String name, Object[] args) {
    return switch (name) {
      case "upper" -> text.toUpperCase(Locale.ROOT);
      case "lower" -> text.toLowerCase(Locale.ROOT);
      case "strip" -> args.length == 0 ? text.strip() : stripChars(text, str(args[0]), true, true);
      case "lstrip" ->
          args.length == 0 ? text.stripLeading() : stripChars(text, str(args[0]), true, false);
      case "rstrip" ->
          args.length == 0 ? text.stripTrailing() : stripChars(text, str(args[0]), false, true);
      case "startswith" -> text.startsWith(str(args[0]));
      case "endswith" -> text.endsWith(str(args[0]));
      case "split" -> split(text, args);
      case "replace" -> text.replace(str(args[0]), str(args[1]));
      case "title" -> title(text);
      case "capitalize" ->
          text.isEmpty()
              ? text
              : text.substring(0, 1).toUpperCase(Locale.ROOT)
                  + text.substring(1).toLowerCase(Locale.ROOT);
      case "join" -> join(text, args[0]);
      case "isdigit" -> !text.isEmpty() && text.chars().allMatch(Character::isDigit);
      case "find" -> text.indexOf(str(args[0]));
      case "count" -> count(text, str(args[0]));
      default -> NOT_HANDLED;
    };
  }

  private static Object mapMethod(Map<?, ?> map, String name, Object[] args) {
    return switch (name) {
      case "items" -> {
        List<List<Object>> items = new ArrayList<>();
        map.forEach((k, v) -> items.add(Arrays.asList(k, v)));
        yield items;
      }
      case "keys" -> new ArrayList<Object>(map.keySet());
      case "values" -> new ArrayList<Object>(map.values());
      case "get" -> {
        Object value = map.get(args.length > 0 ? args[0] : null);
        yield value == null && args.length > 1 ? args[1] : value;
      }
      default -> NOT_HANDLED;
    };
  }

  @SuppressWarnings("unchecked")
  private static Object listMethod(List<?> list, String name, Object[] args) {
    List<Object> mutable = (List<Object>) list;
    return switch (name) {
      case "append" -> {
        mutable.add(args[0]);
        yield "";
      }
      case "extend" -> {
        mutable.addAll((List<Object>) args[0]);
        yield "";
      }
      case "index" -> list.indexOf(args[0]);
      case "count" -> list.stream().filter(e -> java.util.Objects.equals(e, args[0])).count();
      default -> NOT_HANDLED;
    };
  }

  private static String str(Object value) {
    return value == null ? "None" : value.toString();
  }

  private static List<String> split(String text, Object[] args) {
    List<String> parts = new ArrayList<>();
    if (args.length == 0 || args[0] == null) {
      for (String part : text.strip().split("\\s+")) {
        if (!part.isEmpty()) {
          parts.add(part);
        }
      }
      return parts;
    }
    String separator = str(args[0]);
    int limit = args.length > 1 ? ((Number) args[1]).intValue() : -1;
    int start = 0;
    int index;
    while ((limit < 0 || parts.size() < limit) && (index = text.indexOf(separator, start)) >= 0) {
      parts.add(text.substring(start, index));
      start = index + separator.length();
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static String stripChars(String text, String chars, boolean leading, boolean trailing) {
    int begin = 0;
    int end = text.length();
    while (leading && begin < end && chars.indexOf(text.charAt(begin)) >= 0) {
      begin++;
    }
    while (trailing && end > begin && chars.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(begin, end);
  }

  private static String title(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean previousLetter = false;
    for (char c : text.toCharArray()) {
      out.append(previousLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
      previousLetter = Character.isLetter(c);
    }
    return out.toString();
  }

  private static String join(String separator, Object items) {
    List<String> parts = new ArrayList<>();
    if (items instanceof Iterable<?> iterable) {
      iterable.forEach(i -> parts.add(str(i)));
    }
    return String.join(separator, parts);
  }

  private static int count(String text, String needle) {
    if (needle.isEmpty()) {
      return text.length() + 1;
    }
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    // read-only
  }
}
