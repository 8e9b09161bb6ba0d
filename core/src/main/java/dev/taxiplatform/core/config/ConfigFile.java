package dev.taxiplatform.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code platform.yaml}: nested maps whose paths are configuration keys, e.g. {@code kafka:
 * {port: 9092}} sets {@code kafka.port}. Keys may also be written flat ({@code kafka.port: 9092}).
 */
final class ConfigFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigFile() {}

  /** The file's values by key name, as text. */
  static Map<String, String> read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "Configuration file %s is not valid YAML: %s"
              .formatted(
                  file, e.getOriginalMessage().lines().findFirst().orElse("") + locationOf(e)));
    } catch (IOException e) {
      throw new ConfigException("Cannot read configuration file %s: %s".formatted(file, e));
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return values;
    }
    if (!root.isObject()) {
      throw new ConfigException(
          "Configuration file %s must be a map of keys to values, e.g. \"kafka:\\n  port: 9092\"."
              .formatted(file));
    }
    flatten("", root, file, values);
    return values;
  }

  private static void flatten(String prefix, JsonNode node, Path file, Map<String, String> out) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        flatten(key, value, file, out);
      } else if (value.isArray()) {
        throw new ConfigException(
            "Configuration file %s: %s is a list; write a single value (lists are comma-separated"
                    .formatted(file, key)
                + " text).");
      } else if (!value.isNull()) {
        out.put(key, value.asText());
      }
    }
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line %d)".formatted(e.getLocation().getLineNr());
  }
}
