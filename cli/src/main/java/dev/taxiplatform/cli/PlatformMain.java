package dev.taxiplatform.cli;

import dev.taxiplatform.core.cli.CommandRunner;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The {@code platform} command. Built-in commands ({@code config}, {@code help}) run here; every
 * other command belongs to a component and runs as that component's own process, with its own
 * classpath.
 */
public final class PlatformMain {
  private PlatformMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    ComponentCatalog catalog;
    Path home;
    try {
      home = PlatformHome.locate();
      catalog = ComponentCatalog.discover(home);
    } catch (PlatformException e) {
      System.err.println("error: " + e.getMessage());
      return e.exitCode();
    }
    Optional<ComponentDescriptor> component =
        args.length == 0 ? Optional.empty() : catalog.forCommand(args[0]);
    if (component.isPresent()) {
      try {
        return new ComponentProcess(new ComponentLauncher(home), component.get())
            .run(Arrays.asList(args));
      } catch (PlatformException e) {
        System.err.println("error: " + e.getMessage());
        return e.exitCode();
      }
    }
    CommandLine commandLine = CommandRunner.commandLine(new PlatformCommand());
    for (ComponentDescriptor descriptor : catalog.components()) {
      for (ComponentDescriptor.Command command : descriptor.commands()) {
        commandLine.addSubcommand(command.name(), ComponentCommandHelp.spec(command));
      }
    }
    commandLine.getSubcommands().get("bench").setStopAtPositional(true);
    int exitCode = commandLine.execute(args);
    return args.length == 0 ? ExitCodes.USAGE : exitCode;
  }
}
