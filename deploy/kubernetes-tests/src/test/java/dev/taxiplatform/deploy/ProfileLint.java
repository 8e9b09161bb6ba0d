package dev.taxiplatform.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code helm lint --strict -f PROFILE} through helm-java, whose lint command takes no values file:
 * the chart is copied with the profile's values coalesced into its {@code values.yaml} as Helm
 * coalesces {@code -f} files (maps merge key by key, anything else replaces, null removes), then
 * linted strictly.
 */
final class ProfileLint {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path chart;

  ProfileLint(Path chart) {
    this.chart = requireNonNull(chart, "chart");
  }

  LintResult lint(Profile profile, Path workDirectory) {
    Path copy = workDirectory.resolve(chart.getFileName());
    copyTree(chart, copy);
    if (profile.valuesFile() != null) {
      Map<String, Object> values = read(chart.resolve("values.yaml"));
      coalesce(values, read(chart.resolve(profile.valuesFile())));
      try {
        YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Helm(copy).lint().strict().call();
  }

  @SuppressWarnings("unchecked")
  static void coalesce(Map<String, Object> base, Map<String, Object> overlay) {
    for (Map.Entry<String, Object> entry : overlay.entrySet()) {
      Object current = base.get(entry.getKey());
      if (entry.getValue() == null) {
        base.remove(entry.getKey());
      } else if (current instanceof Map<?, ?> currentMap
          && entry.getValue() instanceof Map<?, ?> overlayMap) {
        Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) currentMap);
        coalesce(merged, (Map<String, Object>) overlayMap);
        base.put(entry.getKey(), merged);
      } else {
        base.put(entry.getKey(), entry.getValue());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(Path file) {
    try {
      Map<String, Object> values = YAML.readValue(file.toFile(), LinkedHashMap.class);
      return values == null ? new LinkedHashMap<>() : values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path source, Path target) {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path destination = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(path, destination);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
