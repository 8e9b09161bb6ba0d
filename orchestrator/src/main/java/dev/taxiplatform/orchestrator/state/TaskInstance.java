package dev.taxiplatform.orchestrator.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A task within one run.
 *
 * @param runId the run
 * @param taskId the task
 * @param state its state
 * @param tryNumber the number of its latest attempt (0 before the first)
 * @param maxAttempts attempts allowed in all
 * @param nextAttemptAt when a retry is due (when up for retry)
 * @param startedAt when its first attempt started
 * @param endedAt when it finished
 */
public record TaskInstance(
    long runId,
    String taskId,
    TaskState state,
    int tryNumber,
    int maxAttempts,
    Optional<Instant> nextAttemptAt,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt) {
  public TaskInstance {
    requireNonNull(taskId, "taskId");
    requireNonNull(state, "state");
    requireNonNull(nextAttemptAt, "nextAttemptAt");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
  }
}
