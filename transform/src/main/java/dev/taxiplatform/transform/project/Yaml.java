package dev.taxiplatform.transform.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed access to values of parsed YAML mappings. */
public final class Yaml {
  private Yaml() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    return new LinkedHashMap<>();
  }

  public static List<Object> list(Object value) {
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (value == null) {
      return new ArrayList<>();
    }
    List<Object> single = new ArrayList<>();
    single.add(value);
    return single;
  }

  public static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    for (Object item : list(value)) {
      if (item != null) {
        strings.add(item.toString());
      }
    }
    return strings;
  }

  public static String string(Object value, String fallback) {
    return value == null ? fallback : value.toString();
  }
}
