package dev.taxiplatform.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void backsOffAfterEachRestartThatDidNotHoldAndNeverGivesUp() {
    RestartPolicy policy = RestartPolicy.standard();
    Instant now = T0;
    long[] expectedSeconds = {2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300};
    for (long expected : expectedSeconds) {
      Duration delay = policy.delayAfterFailure(now);
      assertThat(delay).isEqualTo(Duration.ofSeconds(expected));
      now = now.plus(delay);
      policy.restarted(now);
      now = now.plusSeconds(30); // fails again half a minute later
    }
  }

  @Test
  void aServiceStableForTenMinutesStartsAgainFromTheShortestWait() {
    RestartPolicy policy = RestartPolicy.standard();
    policy.restarted(T0);
    policy.restarted(T0.plusSeconds(10));
    assertThat(policy.delayAfterFailure(T0.plusSeconds(20))).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.delayAfterFailure(T0.plusSeconds(10).plus(RestartPolicy.STABLE_AFTER)))
        .isEqualTo(Duration.ofSeconds(2));
  }
}
