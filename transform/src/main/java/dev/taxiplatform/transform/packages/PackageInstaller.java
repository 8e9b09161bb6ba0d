package dev.taxiplatform.transform.packages;

import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.Yaml;
import dev.taxiplatform.transform.project.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Installs packages into the install path, each in a directory named after its project: a local
 * package as a symbolic link to its directory, a git package as a checkout of its revision (the
 * {@code subdirectory:} only), a hub package from its release archive.
 */
final class PackageInstaller {
  private final Path projectRoot;
  private final Path installDirectory;
  private final PackageHub hub;

  PackageInstaller(Path projectRoot, Path installDirectory, PackageHub hub) {
    this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot");
    this.installDirectory = Objects.requireNonNull(installDirectory, "installDirectory");
    this.hub = Objects.requireNonNull(hub, "hub");
  }

  /**
   * Installs a package.
   *
   * @param declaredIn the directory of the project that declares it (a {@code local:} path is
   *     relative to it)
   */
  InstalledPackage install(PackageSpec spec, Path declaredIn) {
    if (spec instanceof PackageSpec.Local local) {
      return installLocal(local, declaredIn);
    }
    if (spec instanceof PackageSpec.Git git) {
      return installGit(git);
    }
    return installHub((PackageSpec.Hub) spec);
  }

  private InstalledPackage installLocal(PackageSpec.Local local, Path declaredIn) {
    Path source = declaredIn.resolve(local.path()).toAbsolutePath().normalize();
    // Recorded relative to the root project, so the lock file installs it again from there.
    String path =
        declaredIn.equals(projectRoot)
            ? local.path()
            : projectRoot.toAbsolutePath().normalize().relativize(source).toString();
    String name = projectName(source, local);
    Path target = target(name);
    try {
      Files.createSymbolicLink(target, source);
    } catch (IOException | UnsupportedOperationException e) {
      Directories.copy(source, target);
    }
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("local", path);
    lock.put("name", name);
    return new InstalledPackage(name, lock, "local");
  }

  private InstalledPackage installGit(PackageSpec.Git git) {
    Path checkout = temporaryDirectory("git");
    try {
      CommandRunner.run(
          checkout.getParent(),
          List.of("git", "clone", "--quiet", git.url(), checkout.toString()),
          true);
      String revision = git.revision().orElse("HEAD");
      CommandRunner.run(checkout, List.of("git", "checkout", "--quiet", revision), false);
      String commit =
          CommandRunner.run(checkout, List.of("git", "rev-parse", "HEAD"), false).strip();
      Path source = git.subdirectory().map(checkout::resolve).orElse(checkout);
      String name = projectName(source, git);
      Directories.copy(source, target(name));
      Map<String, Object> lock = new LinkedHashMap<>();
      lock.put("git", git.url());
      lock.put("name", name);
      lock.put("revision", revision);
      git.subdirectory().ifPresent(s -> lock.put("subdirectory", s));
      return new InstalledPackage(name, lock, "revision " + revision + " (" + commit + ")");
    } finally {
      Directories.delete(checkout);
    }
  }

  private InstalledPackage installHub(PackageSpec.Hub registry) {
    PackageHub.Release release = hub.resolve(registry);
    Path unpacked = temporaryDirectory("hub");
    try {
      Path source = hub.download(release, unpacked);
      String name = projectName(source, registry);
      Directories.copy(source, target(name));
      Map<String, Object> lock = new LinkedHashMap<>();
      lock.put("name", name);
      lock.put("package", registry.name());
      lock.put("version", release.version());
      return new InstalledPackage(name, lock, release.version());
    } finally {
      Directories.delete(unpacked);
    }
  }

  private Path target(String name) {
    Path target = installDirectory.resolve(name);
    Directories.delete(target);
    try {
      Files.createDirectories(installDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private Path temporaryDirectory(String kind) {
    try {
      Path directory = Files.createTempDirectory("transform-deps-" + kind);
      Files.delete(directory);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code name:} in a package's {@code dbt_project.yml}. */
  static String projectName(Path directory, PackageSpec spec) {
    Path file = directory.resolve("dbt_project.yml");
    if (!Files.isRegularFile(file)) {
      throw new DepsException(
          "The package '%s' has no dbt_project.yml in %s%s"
              .formatted(
                  spec.describe(),
                  directory,
                  spec instanceof PackageSpec.Git
                      ? "; if the project is in a folder of the repository, give it as subdirectory:"
                      : ""),
          false);
    }
    String name =
        Yaml.string(new YamlReader().read(file, "package's project file").get("name"), null);
    if (name == null) {
      throw new ProjectException("%s has no name:".formatted(file));
    }
    return name;
  }
}
