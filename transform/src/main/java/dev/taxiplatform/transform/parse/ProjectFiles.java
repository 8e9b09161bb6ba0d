package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.project.ProjectException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds a project's files under its resource directories, in a stable order. */
final class ProjectFiles {
  private ProjectFiles() {}

  /**
   * A file found under one of the resource directories.
   *
   * @param file the file
   * @param resourceDir the resource directory it was found under (relative to the project)
   * @param relative its path relative to the resource directory, with forward slashes
   */
  record Found(Path file, String resourceDir, String relative) {
    /** The path relative to the project, with forward slashes. */
    String originalFilePath() {
      return resourceDir + "/" + relative;
    }

    /** The directories between the resource directory and the file. */
    List<String> directories() {
      List<String> parts = new ArrayList<>(List.of(relative.split("/")));
      parts.remove(parts.size() - 1);
      return parts;
    }

    String baseName() {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      return dot < 0 ? name : name.substring(0, dot);
    }
  }

  static List<Found> find(Path root, List<String> resourceDirs, List<String> extensions) {
    List<Found> found = new ArrayList<>();
    for (String resourceDir : resourceDirs) {
      Path dir = root.resolve(resourceDir);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> extensions.stream().anyMatch(e -> p.getFileName().toString().endsWith(e)))
            .sorted()
            .forEach(
                p ->
                    found.add(
                        new Found(
                            p, resourceDir, dir.relativize(p).toString().replace('\\', '/'))));
      } catch (IOException e) {
        throw new ProjectException("Cannot list %s: %s".formatted(dir, e.getMessage()), e);
      }
    }
    return found;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ProjectException("Cannot read %s: %s".formatted(file, e.getMessage()), e);
    }
  }
}
