package dev.taxiplatform.transform.packages;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A package as {@code packages.yml} (or {@code dependencies.yml}) declares it. */
public sealed interface PackageSpec {
  /** How the entry reads, for messages. */
  String describe();

  /**
   * {@code local: path}: a directory of this machine, relative to the project.
   *
   * @param path the directory as written
   */
  record Local(String path) implements PackageSpec {
    public Local {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      return "local: " + path;
    }
  }

  /**
   * {@code git: url} with an optional {@code revision:} (branch, tag or commit) and {@code
   * subdirectory:} (where in the repository the dbt project is).
   */
  record Git(String url, Optional<String> revision, Optional<String> subdirectory)
      implements PackageSpec {
    public Git {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(subdirectory, "subdirectory");
    }

    @Override
    public String describe() {
      return "git: " + url + revision.map(r -> "@" + r).orElse("");
    }
  }

  /**
   * {@code package: owner/name} with {@code version:} (a version, a range, or a list of ranges)
   * from the package hub.
   */
  record Hub(String name, List<String> versions) implements PackageSpec {
    public Hub {
      Objects.requireNonNull(name, "name");
      versions = List.copyOf(versions);
    }

    @Override
    public String describe() {
      return "package: " + name + " " + String.join(", ", versions);
    }
  }
}
