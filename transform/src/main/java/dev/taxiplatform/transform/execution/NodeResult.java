package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.database.StatementResult;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of running one node.
 *
 * @param uniqueId the node
 * @param status its status
 * @param message what the status line shows ({@code CREATE VIEW}, {@code INSERT 100}, an error)
 * @param failures failing rows of a test, or null
 * @param response the database's response to the main statement, or null
 * @param compiledSql the compiled SQL, or null if compiling failed
 * @param compileStarted when compiling started
 * @param compileCompleted when compiling ended
 * @param executeStarted when executing started
 * @param executeCompleted when executing ended
 * @param threadId the worker that ran it
 */
public record NodeResult(
    String uniqueId,
    NodeStatus status,
    String message,
    Long failures,
    StatementResult response,
    String compiledSql,
    Instant compileStarted,
    Instant compileCompleted,
    Instant executeStarted,
    Instant executeCompleted,
    String threadId) {
  public NodeResult {
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /** Seconds from the start of compiling to the end of executing. */
  public double executionTime() {
    Instant start = compileStarted != null ? compileStarted : executeStarted;
    Instant end = executeCompleted != null ? executeCompleted : compileCompleted;
    if (start == null || end == null) {
      return 0;
    }
    return (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
  }

  /** A skipped node. */
  public static NodeResult skipped(String uniqueId, String reason) {
    return new NodeResult(
        uniqueId, NodeStatus.SKIPPED, reason, null, null, null, null, null, null, null, "");
  }
}
