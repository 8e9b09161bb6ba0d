package dev.taxiplatform.dashboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A throw-away copy of a SQL models project, so that building it leaves the original alone. */
public final class ProjectCopy {
  private ProjectCopy() {}

  /**
   * Copies {@code source} without its {@code target/} to a new temporary directory named with
   * {@code prefix}; returns the copy's root, named as the source.
   */
  public static Path of(Path source, String prefix) throws IOException {
    Path target = Files.createTempDirectory(prefix).resolve(source.getFileName().toString());
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
        Path relative = source.relativize(path);
        if (relative.startsWith("target")) {
          continue;
        }
        Path destination = target.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(path, destination);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return target;
  }
}
