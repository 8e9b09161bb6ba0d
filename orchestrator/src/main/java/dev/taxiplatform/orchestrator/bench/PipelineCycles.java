package dev.taxiplatform.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runs of one pipeline that started after a point in time, read from the orchestrator. */
final class PipelineCycles {
  private static final int RECENT_RUNS = 1_000;

  private final OrchestratorStore store;
  private final String pipeline;
  private final Instant since;

  PipelineCycles(OrchestratorStore store, String pipeline, Instant since) {
    this.store = requireNonNull(store, "store");
    this.pipeline = requireNonNull(pipeline, "pipeline");
    this.since = requireNonNull(since, "since");
  }

  /** Its runs started since then, oldest first. */
  List<PipelineRun> started() throws SQLException {
    return store.recentRuns(pipeline, RECENT_RUNS).stream()
        .filter(run -> run.startedAt().filter(start -> !start.isBefore(since)).isPresent())
        .sorted(Comparator.comparingLong(PipelineRun::id))
        .toList();
  }

  /** The finished ones among them, with their stage times. */
  List<CycleTimes> finished() throws SQLException {
    List<CycleTimes> cycles = new java.util.ArrayList<>();
    for (PipelineRun run : started()) {
      if (run.state().finished() && run.endedAt().isPresent()) {
        cycles.add(
            new CycleTimes(
                run.id(),
                run.state().key(),
                Duration.between(run.startedAt().orElseThrow(), run.endedAt().get()),
                taskTimes(store.attempts(run.id()))));
      }
    }
    return cycles;
  }

  /** Each task's first attempt's start to its last attempt's end, in order of start. */
  static Map<String, Duration> taskTimes(List<TaskAttempt> attempts) {
    Map<String, Instant> starts = new LinkedHashMap<>();
    Map<String, Instant> ends = new LinkedHashMap<>();
    attempts.stream()
        .sorted(Comparator.comparing(TaskAttempt::startedAt))
        .forEach(
            attempt -> {
              starts.putIfAbsent(attempt.taskId(), attempt.startedAt());
              attempt.endedAt().ifPresent(end -> ends.merge(attempt.taskId(), end, maxInstant()));
            });
    Map<String, Duration> times = new LinkedHashMap<>();
    starts.forEach(
        (task, start) -> {
          Instant end = ends.get(task);
          if (end != null) {
            times.put(task, Duration.between(start, end));
          }
        });
    return times;
  }

  private static java.util.function.BinaryOperator<Instant> maxInstant() {
    return (a, b) -> a.isAfter(b) ? a : b;
  }
}
