package dev.taxiplatform.infra.stack;

import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Processes of a stack whose supervisor died without stopping them. They normally end by themselves
 * within a second (they watch their supervisor); this catches any that did not.
 */
final class Leftovers {
  private static final Duration GRACE = Duration.ofSeconds(15);

  private Leftovers() {}

  /**
   * Stops what a dead supervisor left running and removes its state.
   *
   * @return how many processes had to be stopped
   */
  static int stop(StackLayout layout, PrintStream out) {
    Optional<StackState> state = StackState.read(layout);
    if (state.isEmpty() || state.get().supervisorAlive()) {
      return 0;
    }
    int stopped = 0;
    for (ServiceState service : state.get().services()) {
      Optional<ProcessHandle> process = ownProcess(service, layout);
      if (process.isPresent()) {
        out.printf("  stopping leftover %s (pid %d)%n", service.name(), service.pid());
        Processes.stop(process.get(), GRACE);
        stopped++;
      }
    }
    StackState.delete(layout);
    return stopped;
  }

  /** The service's process, if it is still alive and is really one of ours (pids get reused). */
  private static Optional<ProcessHandle> ownProcess(ServiceState service, StackLayout layout) {
    if (service.pid() <= 0) {
      return Optional.empty();
    }
    return ProcessHandle.of(service.pid())
        .filter(ProcessHandle::isAlive)
        .filter(
            p -> {
              String commandLine = Processes.commandLine(p);
              return commandLine.contains("dev.taxiplatform")
                  || commandLine.contains(layout.dataDir().toString());
            });
  }
}
