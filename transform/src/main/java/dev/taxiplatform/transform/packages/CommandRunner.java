package dev.taxiplatform.transform.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external program ({@code git}, {@code tar}) and returns what it printed. */
final class CommandRunner {
  private static final long TIMEOUT_MINUTES = 10;

  private CommandRunner() {}

  /** Runs the command in {@code directory}; a non-zero exit raises with its output. */
  static String run(Path directory, List<String> command, boolean unreachableOnFailure) {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new DepsException(
            "`%s` did not finish within %d minutes"
                .formatted(String.join(" ", command), TIMEOUT_MINUTES),
            unreachableOnFailure);
      }
      if (process.exitValue() != 0) {
        throw new DepsException(
            "`%s` failed:\n%s".formatted(String.join(" ", command), output.strip()),
            unreachableOnFailure);
      }
      return output;
    } catch (IOException e) {
      throw new DepsException(
          "Cannot run %s (%s): install it and retry".formatted(command.get(0), e.getMessage()),
          false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DepsException("Interrupted while running " + command.get(0), false);
    }
  }
}
