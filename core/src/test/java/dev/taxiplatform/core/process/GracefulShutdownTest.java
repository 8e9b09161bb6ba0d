package dev.taxiplatform.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real child process: its stop action runs, bounded by the shutdown timeout. */
class GracefulShutdownTest {
  @TempDir Path directory;

  @Test
  void sigtermRunsTheStopActionToItsEnd() throws Exception {
    Path marker = directory.resolve("stopped");
    Process process = start(Duration.ofSeconds(60), Duration.ofMillis(500), marker);

    process.destroy(); // SIGTERM

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(marker)).isEqualTo("work finished");
  }

  @Test
  void aStopActionThatOverrunsTheTimeoutIsAbandonedAndTheProcessExits() throws Exception {
    Path marker = directory.resolve("stopped");
    Process process = start(Duration.ofSeconds(1), Duration.ofMinutes(10), marker);

    process.destroy(); // SIGTERM

    assertThat(process.waitFor(30, TimeUnit.SECONDS))
        .as("exits although its stop action would take ten minutes")
        .isTrue();
    assertThat(marker).doesNotExist();
    assertThat(Files.readString(marker.resolveSibling("stderr.log")))
        .contains("stuck-component did not stop within 1 s (server.shutdown-timeout)");
  }

  @Test
  void stopWithinReportsWhetherTheActionReturnedInTime() {
    assertThat(GracefulShutdown.stopWithin("quick", Duration.ofSeconds(5), () -> {})).isTrue();
    assertThat(
            GracefulShutdown.stopWithin("slow", Duration.ofMillis(100), () -> Thread.sleep(5_000)))
        .isFalse();
  }

  private static Process start(Duration timeout, Duration stopTakes, Path marker) throws Exception {
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    StuckComponent.class.getName(),
                    Long.toString(timeout.toMillis()),
                    Long.toString(stopTakes.toMillis()),
                    marker.toString()))
            .redirectError(marker.resolveSibling("stderr.log").toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("running");
    return process;
  }

  /** A component whose stop takes a given time, then writes a marker file. */
  static final class StuckComponent {
    private StuckComponent() {}

    public static void main(String[] args) throws Exception {
      Duration timeout = Duration.ofMillis(Long.parseLong(args[0]));
      Duration stopTakes = Duration.ofMillis(Long.parseLong(args[1]));
      Path marker = Path.of(args[2]);
      GracefulShutdown.onExit(
          "stuck-component",
          timeout,
          () -> {
            Thread.sleep(stopTakes.toMillis());
            Files.writeString(marker, "work finished");
          });
      System.out.println("running");
      System.out.flush();
      Thread.sleep(Duration.ofMinutes(10).toMillis());
    }
  }
}
