package dev.taxiplatform.orchestrator.executor;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.process.Processes;
import java.time.Duration;
import java.util.Optional;

/** An attempt running as a local child process. */
final class ProcessRunningTask implements RunningTask {
  private static final Duration KILL_GRACE = Duration.ofSeconds(10);

  private final Process process;

  ProcessRunningTask(Process process) {
    this.process = requireNonNull(process, "process");
  }

  @Override
  public Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  @Override
  public long processId() {
    return process.pid();
  }

  @Override
  public void kill() {
    killTree(process.toHandle());
  }

  /** Stops a process and everything it started: politely, then firmly. */
  static void killTree(ProcessHandle root) {
    var descendants = root.descendants().toList();
    Processes.stop(root, KILL_GRACE);
    descendants.forEach(child -> Processes.stop(child, KILL_GRACE));
  }
}
