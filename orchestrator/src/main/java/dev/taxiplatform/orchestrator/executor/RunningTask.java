package dev.taxiplatform.orchestrator.executor;

import java.util.Optional;

/** An attempt that was started. */
public interface RunningTask {
  /** Its exit code once it has finished (0 success); empty while it runs. */
  Optional<Integer> exitCode();

  /** Its local process, or 0 when it has none (in-process work, a Kubernetes Job). */
  long processId();

  /** Stops it now; returns once it has stopped. */
  void kill();

  /** Why it failed, in a line, when the exit code alone does not say (empty otherwise). */
  default String failureDetail() {
    return "";
  }
}
