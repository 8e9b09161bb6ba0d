package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the {@code {% docs %}} blocks of a project's docs paths. */
final class DocsParser {
  private DocsParser() {}

  static Map<String, String> parse(ProjectSettings project) {
    Map<String, String> blocks = new LinkedHashMap<>();
    for (ProjectFiles.Found file :
        ProjectFiles.find(
            project.root(), project.docsPaths().stream().distinct().toList(), List.of(".md"))) {
      Map<String, String> found =
          DocsBlocks.parse(ProjectFiles.read(file.file()), file.originalFilePath());
      for (String name : found.keySet()) {
        if (blocks.containsKey(name)) {
          throw new ProjectException(
              "The docs block '%s' is defined twice (again in %s)"
                  .formatted(name, file.originalFilePath()));
        }
      }
      blocks.putAll(found);
    }
    return blocks;
  }
}
