package dev.taxiplatform.transform.packages;

import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ValueRenderer;
import dev.taxiplatform.transform.project.Yaml;
import dev.taxiplatform.transform.project.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packages a project declares, in {@code packages.yml} or {@code dependencies.yml} (not both),
 * with {@code env_var()} rendered as dbt renders them.
 *
 * @param file the file's name, or empty when the project declares no packages
 * @param entries the entries as written (rendered), for the lock file's hash
 * @param packages the entries read
 */
public record PackagesFile(
    Optional<String> file, List<Map<String, Object>> entries, List<PackageSpec> packages) {
  public PackagesFile {
    entries = List.copyOf(entries);
    packages = List.copyOf(packages);
  }

  public static PackagesFile read(Path projectRoot, Map<String, String> environment) {
    Path packagesYml = projectRoot.resolve("packages.yml");
    Path dependenciesYml = projectRoot.resolve("dependencies.yml");
    List<Object> fromPackages = declared(packagesYml);
    List<Object> fromDependencies = declared(dependenciesYml);
    if (!fromPackages.isEmpty() && !fromDependencies.isEmpty()) {
      throw new ProjectException(
          "Packages are declared in both packages.yml and dependencies.yml: declare them in one"
              + " of the two.");
    }
    String name = fromPackages.isEmpty() ? "dependencies.yml" : "packages.yml";
    List<Object> raw = fromPackages.isEmpty() ? fromDependencies : fromPackages;
    if (raw.isEmpty()) {
      return new PackagesFile(Optional.empty(), List.of(), List.of());
    }
    ValueRenderer renderer = new ValueRenderer(environment, Map.of());
    List<Map<String, Object>> entries = new ArrayList<>();
    List<PackageSpec> packages = new ArrayList<>();
    for (Object item : raw) {
      Map<String, Object> entry = Yaml.map(renderer.render(item, name));
      entries.add(entry);
      packages.add(spec(entry, name));
    }
    return new PackagesFile(Optional.of(name), entries, packages);
  }

  private static List<Object> declared(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    return Yaml.list(new YamlReader().read(file, "packages file").get("packages"));
  }

  static PackageSpec spec(Map<String, Object> entry, String file) {
    if (entry.containsKey("local")) {
      return new PackageSpec.Local(String.valueOf(entry.get("local")));
    }
    if (entry.containsKey("git")) {
      return new PackageSpec.Git(
          String.valueOf(entry.get("git")),
          Optional.ofNullable(entry.get("revision")).map(String::valueOf),
          Optional.ofNullable(entry.get("subdirectory")).map(String::valueOf));
    }
    if (entry.containsKey("package")) {
      List<String> versions = Yaml.strings(entry.get("version"));
      if (versions.isEmpty()) {
        throw new ProjectException(
            "%s: the package %s needs a version: (e.g. version: [\">=1.0.0\", \"<2.0.0\"])"
                .formatted(file, entry.get("package")));
      }
      return new PackageSpec.Hub(String.valueOf(entry.get("package")), versions);
    }
    throw new ProjectException(
        "%s: cannot read the package entry %s; write local: <path>, git: <url> (with revision:"
                .formatted(file, entry)
            + " and subdirectory:) or package: <owner/name> with version:");
  }
}
