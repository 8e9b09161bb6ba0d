package dev.taxiplatform.infra.stack;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.config.ValueTypes;
import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform down}: stops the stack running for a data directory. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the local stack of a data directory (started with `platform up --detach`, or in another"
          + " terminal): services first, then the servers. Data is kept.",
      "Does nothing when no stack runs."
    })
public final class DownCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--timeout",
      defaultValue = "2m",
      description =
          "How long to wait for an orderly stop before killing (default: ${DEFAULT-VALUE}).")
  private String timeout;

  @Override
  public Integer call() {
    Duration limit = ValueTypes.duration("s").parse(timeout);
    StackLayout layout = new StackLayout(configOptions.load().dataDir());
    Optional<StackState> state = StackState.read(layout);
    if (state.isEmpty()) {
      System.out.printf("No stack is running for data directory %s.%n", layout.dataDir());
      return ExitCodes.SUCCESS;
    }
    if (!state.get().supervisorAlive()) {
      int leftovers = Leftovers.stop(layout, System.out);
      System.out.printf(
          "The stack's supervisor (pid %d) was already gone; stopped %d leftover process(es) and cleaned up.%n",
          state.get().supervisorPid(), leftovers);
      return ExitCodes.SUCCESS;
    }
    ProcessHandle supervisor = ProcessHandle.of(state.get().supervisorPid()).orElseThrow();
    System.out.printf(
        "Stopping the stack of %s (supervisor pid %d) ...%n", layout.dataDir(), supervisor.pid());
    if (Processes.stop(supervisor, limit)) {
      System.out.println("Stack stopped.");
      return ExitCodes.SUCCESS;
    }
    int leftovers = Leftovers.stop(layout, System.out);
    System.out.printf(
        "The supervisor did not stop within %s: killed it and %d leftover process(es).%n",
        ValueTypes.duration("s").format(limit), leftovers);
    return ExitCodes.FAILED;
  }
}
