package dev.taxiplatform.orchestrator.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where attempts' logs go: {@code <logs>/pipelines/<pipeline>/run-<id>/<task>/attempt-<n>.log}.
 *
 * @param root the pipelines' log directory
 */
public record AttemptLogs(Path root) {
  public AttemptLogs {
    requireNonNull(root, "root");
  }

  public Path attempt(String pipeline, long runId, String taskId, int attempt) {
    return root.resolve(pipeline)
        .resolve("run-" + runId)
        .resolve(taskId)
        .resolve("attempt-" + attempt + ".log");
  }
}
