package dev.taxiplatform.orchestrator.cli;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import dev.taxiplatform.orchestrator.state.TaskInstance;
import dev.taxiplatform.orchestrator.state.TaskState;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a run's progress: one line each time a task starts, succeeds, fails or is skipped. */
final class RunProgress {
  private final OrchestratorStore store;
  private final long runId;
  private final PrintStream out;
  private final Map<String, String> seen = new HashMap<>();

  RunProgress(OrchestratorStore store, long runId, PrintStream out) {
    this.store = requireNonNull(store, "store");
    this.runId = runId;
    this.out = requireNonNull(out, "out");
  }

  /** Prints what changed since the last call; returns the run as it is now. */
  PipelineRun update() throws SQLException {
    for (TaskInstance instance : store.taskInstances(runId)) {
      String key = instance.state() + "#" + instance.tryNumber();
      if (key.equals(seen.put(instance.taskId(), key))) {
        continue;
      }
      String line = describe(instance);
      if (!line.isEmpty()) {
        out.println(line);
      }
    }
    out.flush();
    return store.run(runId).orElseThrow();
  }

  private String describe(TaskInstance instance) throws SQLException {
    String task = instance.taskId();
    return switch (instance.state()) {
      case NONE -> "";
      case RUNNING -> "  ▶ %s: attempt %d started".formatted(task, instance.tryNumber());
      case SUCCESS -> "  ✓ %s succeeded in %s".formatted(task, lastAttemptDuration(instance));
      case UP_FOR_RETRY ->
          "  ↻ %s attempt %d failed (%s); retry %s"
              .formatted(
                  task,
                  instance.tryNumber(),
                  lastMessage(instance),
                  instance.nextAttemptAt().map(t -> "at " + t).orElse("now"));
      case FAILED ->
          "  ✗ %s failed (%s); see `platform pipeline logs %d %s`"
              .formatted(task, lastMessage(instance), runId, task);
      case UPSTREAM_FAILED, SKIPPED ->
          "  - %s %s"
              .formatted(task, instance.state().key().replace('_', ' ').toLowerCase(Locale.ROOT));
    };
  }

  private String lastMessage(TaskInstance instance) throws SQLException {
    List<TaskAttempt> attempts = store.attempts(runId, instance.taskId());
    return attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1).message();
  }

  private String lastAttemptDuration(TaskInstance instance) throws SQLException {
    List<TaskAttempt> attempts = store.attempts(runId, instance.taskId());
    if (attempts.isEmpty()) {
      return "?";
    }
    TaskAttempt last = attempts.get(attempts.size() - 1);
    Duration duration = Duration.between(last.startedAt(), last.endedAt().orElse(last.startedAt()));
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0)
        + (instance.tryNumber() > 1 ? " (attempt %d)".formatted(instance.tryNumber()) : "");
  }

  static boolean finished(TaskState state) {
    return state.finished();
  }
}
