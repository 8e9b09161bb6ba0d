package dev.taxiplatform.core.ride;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RideIdRuleTest {
  @Test
  void allowsUuidsAndPrintableIdsUpToSixtyFourCharacters() {
    assertThat(RideIdRule.allows("3f2b8c1e-5d7a-4e9b-8c2d-1a2b3c4d5e6f")).isTrue();
    assertThat(RideIdRule.allows("r1")).isTrue();
    assertThat(RideIdRule.allows("x".repeat(64))).isTrue();
  }

  @Test
  void rejectsNulControlCharactersSpacesNonAsciiAndLongIds() {
    assertThat(RideIdRule.allows("a\u0000b")).isFalse();
    assertThat(RideIdRule.allows("a\tb")).isFalse();
    assertThat(RideIdRule.allows("a b")).isFalse();
    assertThat(RideIdRule.allows("fahrt-ä")).isFalse();
    assertThat(RideIdRule.allows("x".repeat(65))).isFalse();
    assertThat(RideIdRule.allows("x".repeat(3012))).isFalse();
    assertThat(RideIdRule.allows("")).isFalse();
    assertThat(RideIdRule.allows(null)).isFalse();
  }
}
