package dev.taxiplatform.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RideSamplerTest {
  @Test
  void takesTheFirstRideAndThenOneInEvery() {
    RideSampler sampler = new RideSampler(4);
    List<Integer> taken = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      if (sampler.take()) {
        taken.add(i);
      }
    }
    assertThat(taken).containsExactly(0, 4, 8);
  }

  @Test
  void oneInOneTakesEveryRide() {
    RideSampler sampler = new RideSampler(1);
    assertThat(List.of(sampler.take(), sampler.take(), sampler.take()))
        .containsExactly(true, true, true);
  }

  @Test
  void refusesAnEmptySample() {
    assertThatThrownBy(() -> new RideSampler(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
