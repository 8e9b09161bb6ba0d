package dev.taxiplatform.transform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Test projects: the platform's {@code dbt/} and small projects written into temp dirs. */
public final class Projects {
  private Projects() {}

  /** The repository's root (set by the build; the working directory's parent otherwise). */
  public static Path repositoryRoot() {
    String home = System.getProperty("platform.home");
    Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath().getParent();
    return root.toAbsolutePath().normalize();
  }

  /** Copies the directory {@code source} to {@code target} (without any {@code target/}). */
  public static Path copy(Path source, Path target) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path relative = source.relativize(file);
        if (relative.toString().startsWith("target")) {
          continue;
        }
        Path destination = target.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(destination);
        } else {
          Files.createDirectories(destination.getParent());
          Files.copy(file, destination);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** Copies the test resource project {@code name} ({@code src/test/resources/projects/}). */
  public static Path resource(String name, Path target) {
    try {
      java.net.URL url = Projects.class.getResource("/projects/" + name + "/dbt_project.yml");
      if (url == null) {
        throw new IllegalArgumentException("No test project " + name);
      }
      return copy(Path.of(url.toURI()).getParent(), target);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes files (path → content) under {@code dir}. */
  public static Path write(Path dir, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
