package dev.taxiplatform.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankOfAHundredValues() {
    long[] values = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();
    Percentiles percentiles = new Percentiles(values);
    assertThat(percentiles.at(0.50)).isEqualTo(50);
    assertThat(percentiles.at(0.99)).isEqualTo(99);
    assertThat(percentiles.at(1.0)).isEqualTo(100);
    assertThat(percentiles.at(0.001)).isEqualTo(1);
    assertThat(percentiles.max()).isEqualTo(100);
  }

  @Test
  void fewValuesRoundTheRankUp() {
    Percentiles percentiles = new Percentiles(new long[] {30, 10, 20});
    assertThat(percentiles.at(0.50)).isEqualTo(20);
    assertThat(percentiles.at(0.99)).isEqualTo(30);
    assertThat(percentiles.at(0.34)).isEqualTo(20);
    assertThat(percentiles.at(0.33)).isEqualTo(10);
  }

  @Test
  void doesNotChangeTheCallersArray() {
    long[] values = {3, 1, 2};
    new Percentiles(values).at(0.5);
    assertThat(values).containsExactly(3, 1, 2);
  }

  @Test
  void refusesNoValuesAndQuantilesOutsideTheRange() {
    assertThatThrownBy(() -> new Percentiles(new long[0]))
        .isInstanceOf(IllegalArgumentException.class);
    Percentiles percentiles = new Percentiles(new long[] {1});
    assertThatThrownBy(() -> percentiles.at(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> percentiles.at(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
