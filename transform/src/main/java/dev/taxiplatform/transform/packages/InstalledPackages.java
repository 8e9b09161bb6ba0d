package dev.taxiplatform.transform.packages;

import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import dev.taxiplatform.transform.project.ProjectSettingsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The packages a run uses: those installed under the project's install path, each read as a
 * project. A project that declares packages not (all) installed fails with dbt's hint to run {@code
 * deps}; nothing here touches the network.
 */
public final class InstalledPackages {
  private final Map<String, String> environment;

  public InstalledPackages(Map<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** The installed packages, sorted by name. */
  public List<ProjectSettings> load(ProjectSettings root, Map<String, Object> cliVars) {
    PackagesFile declared = PackagesFile.read(root.root(), environment);
    if (declared.packages().isEmpty()) {
      return List.of();
    }
    List<Path> installed = installedDirectories(root.packagesDirectory());
    if (installed.size() < declared.packages().size()) {
      throw new ProjectException(
          ("dbt found %d package(s) specified in %s, but only %d package(s) installed in %s."
                  + " Run \"transform deps\" to install package dependencies.")
              .formatted(
                  declared.packages().size(),
                  declared.file().orElseThrow(),
                  installed.size(),
                  root.packagesInstallPath()));
    }
    List<ProjectSettings> packages = new ArrayList<>();
    ProjectSettingsLoader loader = new ProjectSettingsLoader(environment);
    for (Path directory : installed) {
      packages.add(loader.load(directory, cliVars));
    }
    return packages;
  }

  /**
   * The vars a package's templates see: its own, then the root project's global vars, then those
   * the root project scopes to it ({@code vars: {package: {...}}}), then {@code --vars}.
   */
  public static Map<String, Map<String, Object>> varsByPackage(
      ProjectSettings root, List<ProjectSettings> packages, Map<String, Object> cliVars) {
    List<String> names = new ArrayList<>(packages.stream().map(ProjectSettings::name).toList());
    names.add(root.name());
    Map<String, Map<String, Object>> byPackage = new LinkedHashMap<>();
    for (ProjectSettings project : packages) {
      Map<String, Object> vars = new LinkedHashMap<>(project.vars());
      root.vars()
          .forEach(
              (key, value) -> {
                if (!(names.contains(key) && value instanceof Map<?, ?>)) {
                  vars.put(key, value);
                }
              });
      if (root.vars().get(project.name()) instanceof Map<?, ?> scoped) {
        scoped.forEach((key, value) -> vars.put(String.valueOf(key), value));
      }
      vars.putAll(cliVars);
      byPackage.put(project.name(), vars);
    }
    return byPackage;
  }

  private static List<Path> installedDirectories(Path installDirectory) {
    if (!Files.isDirectory(installDirectory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(installDirectory)) {
      return entries
          .filter(d -> Files.isRegularFile(d.resolve("dbt_project.yml")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
