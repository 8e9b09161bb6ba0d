package dev.taxiplatform.orchestrator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.cli.TaskSummaryFile;
import dev.taxiplatform.orchestrator.engine.TransformTally;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a pipeline run's tasks reported: their summary files and the SQL engine's final line. */
final class StageFigures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StageFigures() {}

  /** A metric from the summary file of a task's last attempt. */
  static Optional<Long> metric(List<TaskAttempt> attempts, String metric) {
    if (attempts.isEmpty()) {
      return Optional.empty();
    }
    Path file = TaskSummaryFile.besideLog(Path.of(attempts.get(attempts.size() - 1).logPath()));
    try {
      JsonNode value = JSON.readTree(file.toFile()).path("metrics").path(metric);
      return value.isNumber() ? Optional.of(value.asLong()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The SQL engine's tally in a task's last attempt log. */
  static Optional<TransformTally> done(List<TaskAttempt> attempts) {
    if (attempts.isEmpty()) {
      return Optional.empty();
    }
    return TransformTally.lastIn(Path.of(attempts.get(attempts.size() - 1).logPath()));
  }
}
