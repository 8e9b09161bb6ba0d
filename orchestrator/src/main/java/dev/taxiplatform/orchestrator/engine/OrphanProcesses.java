package dev.taxiplatform.orchestrator.engine;

import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes of attempts whose orchestrator stopped while they ran. One still running is stopped
 * before its task is retried, so a task never runs twice at the same time.
 */
final class OrphanProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanProcesses.class);
  private static final Duration GRACE = Duration.ofSeconds(10);

  /** A process started this long after its attempt was recorded is someone else's (pid reuse). */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(30);

  private OrphanProcesses() {}

  static void stop(TaskAttempt attempt) {
    if (attempt.processId() <= 0) {
      return;
    }
    Optional<ProcessHandle> process =
        ProcessHandle.of(attempt.processId())
            .filter(ProcessHandle::isAlive)
            .filter(p -> startedWithAttempt(p, attempt.startedAt()));
    process.ifPresent(
        p -> {
          LOG.warn(
              "Stopping pid {}, left running by attempt {} of task {} in run {}",
              p.pid(),
              attempt.attempt(),
              attempt.taskId(),
              attempt.runId());
          var descendants = p.descendants().toList();
          Processes.stop(p, GRACE);
          descendants.forEach(child -> Processes.stop(child, GRACE));
        });
  }

  private static boolean startedWithAttempt(ProcessHandle process, Instant attemptStarted) {
    return process
        .info()
        .startInstant()
        .map(
            start ->
                !start.isBefore(attemptStarted.minus(START_TOLERANCE))
                    && !start.isAfter(attemptStarted.plus(START_TOLERANCE)))
        .orElse(false);
  }
}
