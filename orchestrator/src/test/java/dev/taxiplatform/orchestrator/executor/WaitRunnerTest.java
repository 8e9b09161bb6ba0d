package dev.taxiplatform.orchestrator.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitRunnerTest {
  private static final TaskSpec.Wait ONE_MINUTE =
      new TaskSpec.Wait(Duration.ofSeconds(60), Optional.empty());

  @Test
  void orchestratorMaxWaitShortensLongerWaitsOnly() {
    assertThat(new WaitRunner(since -> 0, Optional.of(Duration.ofSeconds(10))).duration(ONE_MINUTE))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(new WaitRunner(since -> 0, Optional.of(Duration.ofMinutes(2))).duration(ONE_MINUTE))
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(new WaitRunner(since -> 0, Optional.empty()).duration(ONE_MINUTE))
        .isEqualTo(Duration.ofSeconds(60));
  }
}
