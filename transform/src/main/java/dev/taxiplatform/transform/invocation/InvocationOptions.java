package dev.taxiplatform.transform.invocation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The flags of one invocation, as dbt names them.
 *
 * @param command the command
 * @param projectDir {@code --project-dir}
 * @param profilesDir {@code --profiles-dir}
 * @param target {@code --target}
 * @param select {@code --select}
 * @param exclude {@code --exclude}
 * @param fullRefresh {@code --full-refresh}
 * @param threads {@code --threads} (else the profile's)
 * @param vars {@code --vars}, YAML
 * @param failFast {@code --fail-fast}
 * @param resourceTypes {@code --resource-type} for {@code ls}
 * @param output {@code --output} for {@code ls}: name, path, json or selector
 */
public record InvocationOptions(
    Command command,
    Path projectDir,
    Optional<Path> profilesDir,
    Optional<String> target,
    List<String> select,
    List<String> exclude,
    boolean fullRefresh,
    Optional<Integer> threads,
    String vars,
    boolean failFast,
    List<String> resourceTypes,
    String output) {
  public InvocationOptions {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(projectDir, "projectDir");
    Objects.requireNonNull(profilesDir, "profilesDir");
    Objects.requireNonNull(target, "target");
    select = List.copyOf(select);
    exclude = List.copyOf(exclude);
    Objects.requireNonNull(threads, "threads");
    vars = vars == null ? "" : vars;
    resourceTypes = List.copyOf(resourceTypes);
    output = output == null ? "selector" : output;
  }

  /** Options for {@code command} with dbt's defaults. */
  public static InvocationOptions defaults(Command command, Path projectDir) {
    return new InvocationOptions(
        command,
        projectDir,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        false,
        Optional.empty(),
        "",
        false,
        List.of(),
        "selector");
  }

  public InvocationOptions withProfilesDir(Path dir) {
    return new InvocationOptions(
        command,
        projectDir,
        Optional.of(dir),
        target,
        select,
        exclude,
        fullRefresh,
        threads,
        vars,
        failFast,
        resourceTypes,
        output);
  }

  public InvocationOptions withVars(String value) {
    return new InvocationOptions(
        command,
        projectDir,
        profilesDir,
        target,
        select,
        exclude,
        fullRefresh,
        threads,
        value,
        failFast,
        resourceTypes,
        output);
  }

  public InvocationOptions withTarget(String value) {
    return new InvocationOptions(
        command,
        projectDir,
        profilesDir,
        Optional.of(value),
        select,
        exclude,
        fullRefresh,
        threads,
        vars,
        failFast,
        resourceTypes,
        output);
  }

  public InvocationOptions withCommand(Command value) {
    return new InvocationOptions(
        value,
        projectDir,
        profilesDir,
        target,
        select,
        exclude,
        fullRefresh,
        threads,
        vars,
        failFast,
        resourceTypes,
        output);
  }

  public InvocationOptions withOutput(String value, List<String> types) {
    return new InvocationOptions(
        command,
        projectDir,
        profilesDir,
        target,
        select,
        exclude,
        fullRefresh,
        threads,
        vars,
        failFast,
        types,
        value);
  }
}
