package dev.taxiplatform.core.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.TaskSummaryFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A batch service's answer to a submitted run, as JSON: {@code exit_code}, {@code message} when it
 * failed, {@code rendered}, {@code summary} and {@code metrics} when it succeeded.
 */
public record BatchServiceAnswer(JsonNode json) {
  public BatchServiceAnswer {
    requireNonNull(json, "json");
  }

  /** The run's exit code, as {@code platform batch} would exit in its own process. */
  public int exitCode() {
    return json.path("exit_code").asInt(ExitCodes.FAILED);
  }

  public boolean succeeded() {
    return exitCode() == ExitCodes.SUCCESS;
  }

  /** Why the run failed. */
  public String message() {
    return json.path("message").asText("no message");
  }

  /** The run's summary as {@code platform batch} prints it. */
  public String rendered() {
    return json.path("rendered").asText();
  }

  /** Writes the run's summary and meters as a batch task's summary file. */
  public void writeSummary(Path file) throws IOException {
    TaskSummaryFile.write(file, "batch", json.path("summary"), json.path("metrics"));
  }
}
