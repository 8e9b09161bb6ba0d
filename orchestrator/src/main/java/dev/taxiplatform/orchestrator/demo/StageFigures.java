package dev.taxiplatform.orchestrator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.cli.TaskSummaryFile;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a pipeline run's tasks reported: their summary files and the SQL engine's final line. */
final class StageFigures {
  private static final Pattern DONE =
      Pattern.compile("Done\\. PASS=(\\d+) WARN=(\\d+) ERROR=(\\d+) SKIP=(\\d+) TOTAL=(\\d+)");
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

  /**
   * The counts of the SQL engine's final line ({@code Done. PASS=.. WARN=.. ERROR=.. SKIP=..
   * TOTAL=..}) in a task's last attempt log.
   */
  static Optional<Done> done(List<TaskAttempt> attempts) {
    if (attempts.isEmpty()) {
      return Optional.empty();
    }
    try {
      Matcher matcher =
          DONE.matcher(Files.readString(Path.of(attempts.get(attempts.size() - 1).logPath())));
      Done last = null;
      while (matcher.find()) {
        last =
            new Done(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)),
                Integer.parseInt(matcher.group(4)),
                Integer.parseInt(matcher.group(5)));
      }
      return Optional.ofNullable(last);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The SQL engine's tally.
   *
   * @param pass nodes that passed
   * @param warn tests that warned
   * @param error nodes that failed
   * @param skip nodes skipped
   * @param total all nodes
   */
  record Done(int pass, int warn, int error, int skip, int total) {}
}
