package dev.taxiplatform.orchestrator.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One attempt at running a task.
 *
 * @param runId the run
 * @param taskId the task
 * @param attempt its number, from 1
 * @param state running, success or failed
 * @param startedAt when it started
 * @param endedAt when it ended
 * @param exitCode its process's exit code, when it had one
 * @param executor {@code local} or {@code kubernetes}
 * @param logPath where its output is
 * @param processId its process (local) or 0
 * @param owner the orchestrator instance that ran it
 * @param message why it failed, when it did
 */
public record TaskAttempt(
    long runId,
    String taskId,
    int attempt,
    String state,
    Instant startedAt,
    Optional<Instant> endedAt,
    Optional<Integer> exitCode,
    String executor,
    String logPath,
    long processId,
    String owner,
    String message) {
  public TaskAttempt {
    requireNonNull(taskId, "taskId");
    requireNonNull(state, "state");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    requireNonNull(exitCode, "exitCode");
    requireNonNull(executor, "executor");
    requireNonNull(logPath, "logPath");
    requireNonNull(owner, "owner");
    requireNonNull(message, "message");
  }
}
