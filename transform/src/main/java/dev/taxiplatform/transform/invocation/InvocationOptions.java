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
 * @param operation the macro and {@code --args} of {@code run-operation}
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
    String output,
    Optional<Operation> operation) {
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
    Objects.requireNonNull(operation, "operation");
  }

  /**
   * A macro to run with {@code run-operation}.
   *
   * @param macro its name ({@code package.name} for a package's)
   * @param args its arguments, YAML ({@code --args})
   */
  public record Operation(String macro, String args) {
    public Operation {
      Objects.requireNonNull(macro, "macro");
      args = args == null ? "" : args;
    }
  }

  public InvocationOptions withOperation(Operation value) {
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
        resourceTypes,
        output,
        Optional.of(value));
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
        "selector",
        Optional.empty());
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
        output,
        operation);
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
        output,
        operation);
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
        output,
        operation);
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
        output,
        operation);
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
        value,
        operation);
  }
}
