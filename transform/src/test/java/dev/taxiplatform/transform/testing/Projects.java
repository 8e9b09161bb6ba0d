package dev.taxiplatform.transform.testing;

import dev.taxiplatform.transform.bench.ProjectFiles;
import java.nio.file.Path;
import java.util.Map;

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
    return ProjectFiles.copy(source, target);
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
    return ProjectFiles.write(dir, files);
  }
}
