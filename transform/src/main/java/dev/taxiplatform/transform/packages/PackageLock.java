package dev.taxiplatform.transform.packages;

import dev.taxiplatform.transform.project.Yaml;
import dev.taxiplatform.transform.project.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code package-lock.yml} as dbt writes it: each package resolved (its entry's keys and its {@code
 * name}, keys sorted), and {@code sha1_hash} of the declared entries, by which a later {@code deps}
 * sees whether {@code packages.yml} changed since the lock was written.
 *
 * @param packages the resolved entries
 * @param sha1Hash the hash of the declared entries
 */
public record PackageLock(List<Map<String, Object>> packages, String sha1Hash) {
  public static final String FILE = "package-lock.yml";

  public PackageLock {
    packages = packages.stream().map(p -> (Map<String, Object>) new TreeMap<>(p)).toList();
  }

  public static Optional<PackageLock> read(Path projectRoot) {
    Path file = projectRoot.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, Object> content = new YamlReader().read(file, "package lock file");
    List<Map<String, Object>> packages = new ArrayList<>();
    Yaml.list(content.get("packages")).forEach(p -> packages.add(Yaml.map(p)));
    return Optional.of(new PackageLock(packages, Yaml.string(content.get("sha1_hash"), "")));
  }

  public void write(Path projectRoot) {
    StringBuilder yaml = new StringBuilder("packages:\n");
    for (Map<String, Object> entry : packages) {
      String prefix = "  - ";
      for (Map.Entry<String, Object> field : entry.entrySet()) {
        yaml.append(prefix).append(field.getKey()).append(": ");
        yaml.append(scalar(field.getValue())).append('\n');
        prefix = "    ";
      }
    }
    yaml.append("sha1_hash: ").append(sha1Hash).append('\n');
    try {
      Files.writeString(projectRoot.resolve(FILE), yaml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String scalar(Object value) {
    if (value instanceof List<?> list) {
      List<String> items = list.stream().map(PackageLock::scalar).toList();
      return "[" + String.join(", ", items) + "]";
    }
    String text = String.valueOf(value);
    return text.matches("[A-Za-z0-9_./:@+-]+") && !text.matches("[0-9]+(\\.[0-9]*)?")
        ? text
        : "'" + text.replace("'", "''") + "'";
  }

  /**
   * The hash dbt computes over the declared packages: each entry as JSON with sorted keys (Python's
   * {@code json.dumps} spacing), the lines sorted and joined by newlines, SHA-1 in hex.
   */
  public static String hash(List<Map<String, Object>> declared) {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> entry : declared) {
      lines.add(json(new TreeMap<>(entry)));
    }
    lines.sort(null);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of()
          .formatHex(sha1.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<String> fields = new ArrayList<>();
      new TreeMap<>(map).forEach((k, v) -> fields.add(json(String.valueOf(k)) + ": " + json(v)));
      return "{" + String.join(", ", fields) + "}";
    }
    if (value instanceof List<?> list) {
      return "[" + String.join(", ", list.stream().map(PackageLock::json).toList()) + "]";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value instanceof Boolean b ? (b ? "true" : "false") : value.toString();
    }
    if (value == null) {
      return "null";
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : value.toString().toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            quoted.append("\\u%04x".formatted((int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
