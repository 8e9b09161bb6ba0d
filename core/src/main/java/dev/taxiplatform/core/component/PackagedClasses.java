package dev.taxiplatform.core.component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chooses between a module's classes directory and the jar its build packaged from it: the jar when
 * it is current (no file in the directory is newer), since a JVM can share class data only from
 * jars; the directory otherwise, so a compile without packaging still runs the new classes.
 */
final class PackagedClasses {
  private PackagedClasses() {}

  /**
   * {@code jar} when it exists and no file under {@code classes} is newer; else {@code classes}.
   */
  static Path choose(Path classes, Optional<Path> jar) {
    if (jar.isEmpty() || !Files.isRegularFile(jar.get()) || !Files.isDirectory(classes)) {
      return classes;
    }
    try {
      FileTime packaged = Files.getLastModifiedTime(jar.get());
      try (Stream<Path> files = Files.walk(classes)) {
        boolean newer =
            files
                .filter(Files::isRegularFile)
                .anyMatch(file -> modified(file).compareTo(packaged) > 0);
        return newer ? classes : jar.get();
      }
    } catch (IOException | UncheckedIOException e) {
      return classes;
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
