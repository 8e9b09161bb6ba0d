package dev.taxiplatform.cli;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLaunch;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.ForegroundProcess;
import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.connect.ConnectionEnvironment;
import dev.taxiplatform.core.connect.Connections;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one command of a component as the component's own process, in the foreground: same terminal,
 * same working directory; its exit code is the command's exit code.
 */
final class ComponentProcess {
  private static final Duration STOP_WAIT = Duration.ofSeconds(300);

  private final ComponentLauncher launcher;
  private final ComponentDescriptor component;

  ComponentProcess(ComponentLauncher launcher, ComponentDescriptor component) {
    this.launcher = requireNonNull(launcher, "launcher");
    this.component = requireNonNull(component, "component");
  }

  int run(List<String> args) {
    ConfigArguments arguments =
        component.connections().isEmpty()
            ? ConfigArguments.unchanged(args)
            : ConfigArguments.extract(args);
    ComponentLaunch launch = launcher.recordingLaunch(component, List.of(), arguments.remaining());
    ProcessBuilder builder = launch.builder().inheritIO();
    builder.environment().putAll(connectionEnvironment(arguments));
    // On Ctrl-C the terminal signals the component too; on SIGTERM only this process is signalled.
    // Either way, the component finishes its own orderly shutdown before this process exits.
    int exitCode = ForegroundProcess.run(builder, component.name(), STOP_WAIT);
    launch.ended(exitCode);
    return exitCode;
  }

  /**
   * For components that do not read the platform's configuration themselves: the connections they
   * asked for, resolved from the configuration (with the command line's {@code --config}, {@code
   * --data-dir} and {@code --set}) or the running local stack. A connection that cannot be resolved
   * is left out; the component reports its absence in its own words. The configuration must be
   * valid (a broken configuration file fails here, naming the problem, rather than leaving the
   * component to fail on a default connection).
   */
  Map<String, String> connectionEnvironment(ConfigArguments arguments) {
    Map<String, String> environment = new LinkedHashMap<>();
    if (component.connections().isEmpty()) {
      return environment;
    }
    Connections connections =
        new Connections(ConfigLoader.fromSystem().load(arguments.overrides()));
    for (String connection : component.connections()) {
      try {
        environment.putAll(
            switch (connection) {
              case "kafka" -> ConnectionEnvironment.kafka(connections.kafka());
              case "s3" -> ConnectionEnvironment.s3(connections.s3());
              case "warehouse" -> ConnectionEnvironment.warehouse(connections.warehouse());
              default ->
                  throw new IllegalStateException(
                      "Component %s asks for unknown connection \"%s\""
                          .formatted(component.name(), connection));
            });
      } catch (PlatformException unavailable) {
        if (arguments.explicit()) {
          System.err.println("warning: " + unavailable.getMessage());
        }
      }
    }
    return environment;
  }
}
