package dev.taxiplatform.core.component;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A launchable component: one module's main class and runtime classpath, the top-level commands it
 * serves and the long-running services the local stack runs from it.
 *
 * @param name the component's name (its module)
 * @param mainClass the class whose {@code main} receives the command and its arguments
 * @param classpath the component's runtime classpath, its own classes first
 * @param jvmOptions JVM options the component runs with
 * @param commands the top-level {@code platform} commands it serves
 * @param services the services {@code platform up} runs from it
 * @param connections connections ({@code kafka}, {@code s3}, {@code warehouse}) to export to it as
 *     environment variables when it runs against the local stack; for components that do not read
 *     the platform's configuration themselves
 * @param benchmarks the benchmarks it offers: name ({@code platform bench <name>}) to the command
 *     line that runs it
 */
public record ComponentDescriptor(
    String name,
    String mainClass,
    List<Path> classpath,
    List<String> jvmOptions,
    List<Command> commands,
    List<Service> services,
    List<String> connections,
    Map<String, List<String>> benchmarks) {
  public ComponentDescriptor {
    requireNonNull(name, "name");
    requireNonNull(mainClass, "mainClass");
    classpath = List.copyOf(classpath);
    jvmOptions = List.copyOf(jvmOptions);
    commands = List.copyOf(commands);
    services = List.copyOf(services);
    connections = List.copyOf(connections);
    benchmarks = Map.copyOf(benchmarks);
  }

  /**
   * A top-level command.
   *
   * @param name what the user types after {@code platform}
   * @param description one line for {@code platform --help}
   */
  public record Command(String name, String description) {}

  /**
   * A long-running service the local stack runs from this component. It serves {@code GET /health}
   * (200 when healthy) and {@code GET /metrics} on its port.
   *
   * @param name the service's name in {@code platform status}
   * @param args the component's arguments; {@code {port}} is replaced by the service's port
   * @param preferredPort the port it listens on unless taken
   * @param portKey the configuration key whose value, when set, is the preferred port instead
   * @param order start order among services (lower first); they stop in reverse order
   * @param description one line for {@code platform status}
   * @param optional true when {@code platform up} runs it only if asked ({@code --with <name>})
   */
  public record Service(
      String name,
      List<String> args,
      int preferredPort,
      Optional<String> portKey,
      int order,
      String description,
      boolean optional) {
    public Service {
      args = List.copyOf(args);
    }

    /** The arguments with the service's actual port filled in. */
    public List<String> argsFor(int port) {
      return args.stream().map(a -> a.replace("{port}", Integer.toString(port))).toList();
    }
  }

  public Optional<Command> command(String commandName) {
    return commands.stream().filter(c -> c.name().equals(commandName)).findFirst();
  }
}
