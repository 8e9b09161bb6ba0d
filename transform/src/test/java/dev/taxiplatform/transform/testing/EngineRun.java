package dev.taxiplatform.transform.testing;

import dev.taxiplatform.transform.cli.TransformCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Runs the engine's command line in-process and keeps what it printed.
 *
 * @param exitCode the exit code
 * @param output what it printed
 */
public record EngineRun(int exitCode, String output) {

  public static EngineRun of(Map<String, String> environment, String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code = new TransformCli(out, environment, Clock.systemUTC()).execute(args);
    return new EngineRun(code, buffer.toString(StandardCharsets.UTF_8));
  }

  /** The output without the leading {@code HH:mm:ss} of each line. */
  public String lines() {
    return output.replaceAll("(?m)^\\d{2}:\\d{2}:\\d{2}  ", "");
  }

  /** The {@code Done. PASS=...} line. */
  public String doneLine() {
    return lines()
        .lines()
        .filter(l -> l.startsWith("Done."))
        .findFirst()
        .orElse("(no Done line)\n" + output);
  }
}
