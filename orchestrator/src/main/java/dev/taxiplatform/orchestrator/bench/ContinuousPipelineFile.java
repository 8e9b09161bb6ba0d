package dev.taxiplatform.orchestrator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's copy of the platform's continuous pipeline: the same tasks, on its own schedule
 * or the benchmark's, not paused.
 */
final class ContinuousPipelineFile {
  static final String FILE = FreshnessBenchCommand.PIPELINE + ".yaml";
  private static final Pattern SCHEDULE = Pattern.compile("(?m)^schedule:.*$");
  private static final Pattern PAUSED = Pattern.compile("(?m)^paused:.*$");

  private ContinuousPipelineFile() {}

  /** The file's text with {@code schedule} replaced and {@code paused: false}. */
  static String rescheduled(String yaml, String schedule) {
    if (!SCHEDULE.matcher(yaml).find() || !PAUSED.matcher(yaml).find()) {
      throw new IllegalArgumentException(
          "The continuous pipeline's file declares no top-level schedule: and paused:");
    }
    String quoted = "schedule: \"" + schedule.replace("\"", "") + "\"";
    String text = SCHEDULE.matcher(yaml).replaceFirst(Matcher.quoteReplacement(quoted));
    return PAUSED.matcher(text).replaceFirst("paused: false");
  }

  /** The file's schedule, as written (without quotes). */
  static String schedule(String yaml) {
    Matcher matcher = SCHEDULE.matcher(yaml);
    if (!matcher.find()) {
      throw new IllegalArgumentException("The continuous pipeline's file declares no schedule:");
    }
    return matcher.group().substring("schedule:".length()).strip().replace("\"", "");
  }

  /**
   * Writes the copy into {@code target} (the only pipeline there), on {@code schedule} if given;
   * returns the schedule it runs on.
   */
  static String write(Path platformPipelines, Path target, Optional<String> schedule)
      throws IOException {
    String yaml = Files.readString(platformPipelines.resolve(FILE));
    String cron = schedule.orElseGet(() -> schedule(yaml));
    Files.createDirectories(target);
    try (var old = Files.list(target)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    Files.writeString(target.resolve(FILE), rescheduled(yaml, cron));
    return cron;
  }
}
