package dev.taxiplatform.transform.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Names of generic test instances as dbt derives them: {@code not_null_orders_id}, {@code
 * accepted_values_orders_status__placed__shipped}, {@code source_unique_raw_orders_id}; names of 64
 * characters or more are shortened with a hash.
 */
final class TestNames {
  private TestNames() {}

  static String name(
      String testName,
      boolean onSource,
      String targetName,
      String columnName,
      Map<String, Object> kwargs) {
    String prefix = onSource ? "source_" : "";
    String identifier = prefix + testName + "_" + targetName;
    List<String> parts = new ArrayList<>();
    if (columnName != null) {
      parts.add(clean(columnName));
    }
    new java.util.TreeMap<>(kwargs).values().forEach(value -> parts.add(flatten(value)));
    String full = identifier + (parts.isEmpty() ? "" : "_" + String.join("__", parts));
    if (full.length() >= 64) {
      return identifier.substring(0, Math.min(30, identifier.length())) + "_" + md5(full);
    }
    return full;
  }

  private static String flatten(Object value) {
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(v -> items.add(flatten(v)));
      return String.join("__", items);
    }
    if (value instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      map.forEach((k, v) -> items.add(clean(String.valueOf(k)) + "_" + flatten(v)));
      return String.join("__", items);
    }
    return clean(String.valueOf(value));
  }

  private static String clean(String text) {
    return text.replaceAll("[^0-9A-Za-z_]+", "_");
  }

  static String md5(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
