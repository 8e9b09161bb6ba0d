package dev.taxiplatform.core.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ForegroundProcessTest {
  @Test
  void theChildsExitCodeIsTheCommands() {
    int exitCode =
        ForegroundProcess.run(
            new ProcessBuilder("sh", "-c", "exit 3"), "exit-three", Duration.ofSeconds(5));

    assertThat(exitCode).isEqualTo(3);
  }

  @Test
  void aChildThatCannotStartFailsNamingIt() {
    assertThatThrownBy(
            () ->
                ForegroundProcess.run(
                    new ProcessBuilder("/nonexistent/program"), "missing", Duration.ofSeconds(5)))
        .isInstanceOf(PlatformException.class)
        .hasMessageStartingWith("Cannot start missing: ")
        .satisfies(e -> assertThat(((PlatformException) e).exitCode()).isEqualTo(ExitCodes.FAILED));
  }
}
