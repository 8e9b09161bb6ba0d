package dev.taxiplatform.transform.project;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads YAML files of a project into ordered maps. */
public final class YamlReader {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private final ObjectMapper mapper = new ObjectMapper(new YAMLFactory());

  /** The file's top-level mapping; an empty file is an empty map. */
  public Map<String, Object> read(Path file, String describedAs) {
    try {
      String text = Files.readString(file);
      return parse(text, file.toString(), describedAs);
    } catch (IOException e) {
      throw new ProjectException(
          "Cannot read %s %s: %s".formatted(describedAs, file, e.getMessage()), e);
    }
  }

  /** Parses YAML text; {@code origin} names it in errors. */
  public Map<String, Object> parse(String text, String origin, String describedAs) {
    if (text.isBlank()) {
      return new LinkedHashMap<>();
    }
    try {
      Map<String, Object> map = mapper.readValue(text, MAP);
      return map == null ? new LinkedHashMap<>() : map;
    } catch (IOException e) {
      throw new ProjectException(
          "%s %s is not valid YAML: %s".formatted(describedAs, origin, e.getMessage()), e);
    }
  }

  /** Parses a {@code --vars} argument: a YAML (or JSON) mapping. */
  public Map<String, Object> parseVars(String text) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Object> map = mapper.readValue(text, MAP);
      return map == null ? Map.of() : map;
    } catch (IOException e) {
      throw new ProjectException(
          "--vars must be a YAML mapping such as \"{key: value}\": " + e.getMessage(), e);
    }
  }
}
