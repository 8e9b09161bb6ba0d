package dev.taxiplatform.orchestrator.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL engine's tally, from the final line of a transform command's output ({@code Done. PASS=..
 * WARN=.. ERROR=.. SKIP=.. TOTAL=..}).
 *
 * @param pass nodes that passed
 * @param warn tests that warned
 * @param error nodes that failed
 * @param skip nodes skipped
 * @param total all nodes
 */
public record TransformTally(int pass, int warn, int error, int skip, int total) {
  private static final Pattern DONE =
      Pattern.compile("Done\\. PASS=(\\d+) WARN=(\\d+) ERROR=(\\d+) SKIP=(\\d+) TOTAL=(\\d+)");

  /** The last tally in {@code log}; empty when it has none or cannot be read. */
  public static Optional<TransformTally> lastIn(Path log) {
    try {
      Matcher matcher = DONE.matcher(Files.readString(log));
      TransformTally last = null;
      while (matcher.find()) {
        last =
            new TransformTally(
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
}
