package dev.taxiplatform.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesFromTheInitialWaitUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(30)); // 32 s capped
    assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.delay(1_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).delay(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
