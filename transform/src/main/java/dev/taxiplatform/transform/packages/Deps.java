package dev.taxiplatform.transform.packages;

import dev.taxiplatform.transform.project.ProjectSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code deps} command, as dbt runs it: when {@code package-lock.yml} is missing or was written
 * for other declarations, resolves the declared packages and writes it; then empties the install
 * path and installs exactly what the lock file says.
 */
public final class Deps {
  private final Map<String, String> environment;
  private final Consumer<String> console;

  public Deps(Map<String, String> environment, Consumer<String> console) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.console = Objects.requireNonNull(console, "console");
  }

  /** Installs the project's packages; returns what was installed. */
  public List<InstalledPackage> install(ProjectSettings project) {
    PackagesFile declared = PackagesFile.read(project.root(), environment);
    if (declared.packages().isEmpty()) {
      console.accept("Warning: No packages were found in packages.yml");
      return List.of();
    }
    String hash = PackageLock.hash(declared.entries());
    Optional<PackageLock> lock =
        PackageLock.read(project.root()).filter(l -> l.sha1Hash().equals(hash));
    List<PackageSpec> specs = new ArrayList<>();
    if (lock.isPresent()) {
      lock.get().packages().forEach(entry -> specs.add(PackagesFile.spec(entry, PackageLock.FILE)));
    } else {
      specs.addAll(declared.packages());
    }
    Directories.delete(project.packagesDirectory());
    PackageInstaller installer =
        new PackageInstaller(
            project.root(), project.packagesDirectory(), new PackageHub(environment));
    List<InstalledPackage> installed = new ArrayList<>();
    for (PackageSpec spec : specs) {
      console.accept("Installing " + spec.describe());
      InstalledPackage done = installer.install(spec);
      console.accept("  Installed %s from %s".formatted(done.name(), done.version()));
      installed.add(done);
    }
    if (lock.isEmpty()) {
      new PackageLock(installed.stream().map(InstalledPackage::lockEntry).toList(), hash)
          .write(project.root());
      console.accept(
          "Updating lock file in file path: " + project.root().resolve(PackageLock.FILE));
    }
    return installed;
  }
}
