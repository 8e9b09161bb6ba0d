package dev.taxiplatform.core.cli;

import dev.taxiplatform.core.processed.BatchLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command run as a pipeline task writes its summary as JSON, so the orchestrator (and the
 * demo) can report its figures: the orchestrator names the file in {@code PLATFORM_TASK_SUMMARY},
 * next to the attempt's log.
 */
public final class TaskSummaryFile {
  /** The environment variable naming the file. */
  public static final String VARIABLE = "PLATFORM_TASK_SUMMARY";

  private TaskSummaryFile() {}

  /** The file named by the environment, when run as a task. */
  public static Optional<Path> fromEnvironment() {
    String value = System.getenv(VARIABLE);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /** The summary file of the attempt whose log is {@code logFile}. */
  public static Path besideLog(Path logFile) {
    String name = logFile.getFileName().toString();
    String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    return logFile.resolveSibling(base + ".summary.json");
  }

  /**
   * Writes a command's summary file: {@code command}, its {@code summary} and its {@code metrics}
   * (meter name to value), as JSON.
   */
  public static void write(Path file, String command, Object summary, Object metrics)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", command);
    json.put("summary", summary);
    json.put("metrics", metrics);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BatchLedger.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
  }
}
