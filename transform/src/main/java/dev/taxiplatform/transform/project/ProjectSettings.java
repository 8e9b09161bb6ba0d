package dev.taxiplatform.transform.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code dbt_project.yml} says.
 *
 * @param root the project directory
 * @param name the project's name
 * @param profile the profile to connect with
 * @param modelPaths directories of models
 * @param seedPaths directories of seeds
 * @param testPaths directories of singular (and generic) tests
 * @param snapshotPaths directories of snapshots
 * @param macroPaths directories of macros
 * @param docsPaths directories searched for {@code {% docs %}} blocks
 * @param targetPath where artifacts are written
 * @param vars project variables ({@code vars:})
 * @param modelConfigs the {@code models:} config tree
 * @param seedConfigs the {@code seeds:} config tree
 * @param testConfigs the {@code data_tests:}/{@code tests:} config tree
 * @param snapshotConfigs the {@code snapshots:} config tree
 * @param sourceConfigs the {@code sources:} config tree
 * @param packagesInstallPath where packages are installed ({@code packages-install-path})
 * @param dispatch {@code dispatch:}: for a macro namespace, the packages searched in order
 * @param onRunStart {@code on-run-start} hooks, unrendered
 * @param onRunEnd {@code on-run-end} hooks, unrendered
 */
public record ProjectSettings(
    Path root,
    String name,
    String profile,
    List<String> modelPaths,
    List<String> seedPaths,
    List<String> testPaths,
    List<String> snapshotPaths,
    List<String> macroPaths,
    List<String> docsPaths,
    String targetPath,
    Map<String, Object> vars,
    Map<String, Object> modelConfigs,
    Map<String, Object> seedConfigs,
    Map<String, Object> testConfigs,
    Map<String, Object> snapshotConfigs,
    Map<String, Object> sourceConfigs,
    String packagesInstallPath,
    Map<String, List<String>> dispatch,
    List<String> onRunStart,
    List<String> onRunEnd) {

  public ProjectSettings {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(profile, "profile");
    modelPaths = List.copyOf(modelPaths);
    seedPaths = List.copyOf(seedPaths);
    testPaths = List.copyOf(testPaths);
    snapshotPaths = List.copyOf(snapshotPaths);
    macroPaths = List.copyOf(macroPaths);
    docsPaths = List.copyOf(docsPaths);
    Objects.requireNonNull(targetPath, "targetPath");
    Objects.requireNonNull(packagesInstallPath, "packagesInstallPath");
    dispatch = Map.copyOf(dispatch);
    onRunStart = List.copyOf(onRunStart);
    onRunEnd = List.copyOf(onRunEnd);
  }

  /** The directory packages are installed in. */
  public Path packagesDirectory() {
    return root.resolve(packagesInstallPath);
  }

  /** The directory artifacts are written to. */
  public Path targetDirectory() {
    return root.resolve(targetPath);
  }
}
