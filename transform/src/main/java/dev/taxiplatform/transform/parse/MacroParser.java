package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.MacroDefinition;
import dev.taxiplatform.transform.jinja.MacroFile;
import dev.taxiplatform.transform.jinja.TemplateSource;
import dev.taxiplatform.transform.project.ProjectSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the macros and generic tests: the engine's own (package {@code dbt}), then each installed
 * package's, then the root project's, in the order a later definition of a name overrides an
 * earlier one.
 */
final class MacroParser {
  static final String BUILTIN_PACKAGE = "dbt";
  private static final List<String> BUILTIN_MACROS =
      List.of("naming.sql", "generic_tests.sql", "cross_database.sql", "snapshots.sql");
  private static final Pattern MACRO_DEFINITION =
      Pattern.compile("\\{%-?\\s*(macro|test)\\s+([A-Za-z_]\\w*)");

  private final List<MacroFile> files = new ArrayList<>();
  private final Map<String, MacroDefinition> definitions = new LinkedHashMap<>();

  /** Reads the macros of the packages and then of the root project. */
  MacroParser parse(List<ProjectSettings> packages, ProjectSettings root) {
    for (String builtin : BUILTIN_MACROS) {
      add(BUILTIN_PACKAGE, new TemplateSource("<built-in>/" + builtin, builtin(builtin)));
    }
    for (ProjectSettings project : packages) {
      addProject(project);
    }
    addProject(root);
    return this;
  }

  List<MacroFile> files() {
    return List.copyOf(files);
  }

  /** Each macro's definition, by {@code package.name}. */
  Map<String, MacroDefinition> definitions() {
    return definitions;
  }

  private void addProject(ProjectSettings project) {
    List<ProjectFiles.Found> found =
        new ArrayList<>(ProjectFiles.find(project.root(), project.macroPaths(), List.of(".sql")));
    for (String testPath : project.testPaths()) {
      found.addAll(
          ProjectFiles.find(project.root(), List.of(testPath + "/generic"), List.of(".sql")));
    }
    for (ProjectFiles.Found file : found) {
      add(
          project.name(),
          new TemplateSource(file.originalFilePath(), ProjectFiles.read(file.file())));
    }
  }

  private void add(String packageName, TemplateSource source) {
    files.add(new MacroFile(packageName, source));
    Matcher matcher = MACRO_DEFINITION.matcher(source.text());
    while (matcher.find()) {
      boolean test = matcher.group(1).equals("test");
      String name = (test ? "test_" : "") + matcher.group(2);
      int end = source.text().indexOf(test ? "endtest" : "endmacro", matcher.end());
      int close = end < 0 ? -1 : source.text().indexOf("%}", end);
      String sql =
          close < 0
              ? source.text().substring(matcher.start())
              : source.text().substring(matcher.start(), close + 2);
      definitions.put(
          packageName + "." + name, new MacroDefinition(packageName, name, source.path(), sql));
    }
  }

  private static String builtin(String file) {
    String resource = "/dev/taxiplatform/transform/macros/" + file;
    try (InputStream in = MacroParser.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing built-in macros " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read built-in macros " + resource, e);
    }
  }
}
