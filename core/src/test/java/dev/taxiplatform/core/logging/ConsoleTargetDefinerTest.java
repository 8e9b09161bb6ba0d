package dev.taxiplatform.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConsoleTargetDefinerTest {
  @Test
  void standardErrorUnlessStandardOutputIsAsked() {
    assertThat(ConsoleTargetDefiner.consoleTarget(Map.of())).isEqualTo("System.err");
    assertThat(ConsoleTargetDefiner.consoleTarget(Map.of("PLATFORM_LOG_TARGET", "stderr")))
        .isEqualTo("System.err");
    assertThat(ConsoleTargetDefiner.consoleTarget(Map.of("PLATFORM_LOG_TARGET", "Stdout")))
        .isEqualTo("System.out");
    assertThat(ConsoleTargetDefiner.consoleTarget(Map.of("PLATFORM_LOG_TARGET", "syslog")))
        .isEqualTo("System.err");
  }

  @Test
  void aProcessLogsToTheStreamTheEnvironmentSelects() throws Exception {
    Output byDefault = logOneLine(Map.of());
    assertThat(byDefault.stdout()).isEmpty();
    assertThat(byDefault.stderr()).contains("INFO  [main] LogOneLine - hello from a component");

    Output toStdout = logOneLine(Map.of("PLATFORM_LOG_TARGET", "stdout"));
    assertThat(toStdout.stdout()).contains("INFO  [main] LogOneLine - hello from a component");
    assertThat(toStdout.stderr()).isEmpty();
  }

  private static Output logOneLine(Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LogOneLine.class.getName()));
    builder.environment().remove("PLATFORM_LOG_TARGET");
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isZero();
    return new Output(stdout, stderr);
  }

  private record Output(String stdout, String stderr) {}

  /** A process that logs one line through the platform's logging configuration. */
  static final class LogOneLine {
    private LogOneLine() {}

    public static void main(String[] args) {
      LoggerFactory.getLogger("LogOneLine").info("hello from a component");
    }
  }
}
