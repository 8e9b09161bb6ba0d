package dev.taxiplatform.transform.packages;

import dev.taxiplatform.transform.project.ProjectSettings;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code deps} command, as dbt runs it: when {@code package-lock.yml} is missing or was written
 * for other declarations, resolves the declared packages and writes it; then empties the install
 * path and installs exactly what the lock file says. A package's own declared packages are
 * installed with it (once each, by name) and listed in the lock file.
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
    Set<String> names = new HashSet<>();
    Set<String> sources = new HashSet<>();
    Deque<Map.Entry<PackageSpec, Path>> queue = new ArrayDeque<>();
    specs.forEach(spec -> queue.add(Map.entry(spec, project.root())));
    while (!queue.isEmpty()) {
      Map.Entry<PackageSpec, Path> next = queue.poll();
      if (!sources.add(source(next.getKey(), next.getValue()))) {
        continue; // also required by another package: installed once
      }
      console.accept("Installing " + next.getKey().describe());
      InstalledPackage done = installer.install(next.getKey(), next.getValue());
      console.accept("  Installed %s from %s".formatted(done.name(), done.version()));
      if (!names.add(done.name())) {
        throw new DepsException(
            "Two packages are named '%s' (the second is %s): remove one of them"
                .formatted(done.name(), next.getKey().describe()),
            false);
      }
      installed.add(done);
      if (lock.isEmpty()) {
        // A package's own packages are installed too (the lock file lists them all).
        Path installedAt = project.packagesDirectory().resolve(done.name());
        Path declaredIn =
            next.getKey() instanceof PackageSpec.Local local
                ? next.getValue().resolve(local.path()).normalize()
                : installedAt;
        PackagesFile.read(installedAt, environment)
            .packages()
            .forEach(spec -> queue.add(Map.entry(spec, declaredIn)));
      }
    }
    if (lock.isEmpty()) {
      new PackageLock(installed.stream().map(InstalledPackage::lockEntry).toList(), hash)
          .write(project.root());
      console.accept(
          "Updating lock file in file path: " + project.root().resolve(PackageLock.FILE));
    }
    return installed;
  }

  /** Where a package comes from, so that one required twice is installed once. */
  private static String source(PackageSpec spec, Path declaredIn) {
    if (spec instanceof PackageSpec.Local local) {
      return "local:" + declaredIn.resolve(local.path()).toAbsolutePath().normalize();
    }
    if (spec instanceof PackageSpec.Git git) {
      return "git:" + git.url() + git.subdirectory().map(s -> "/" + s).orElse("");
    }
    return "hub:" + ((PackageSpec.Hub) spec).name();
  }
}
