package dev.taxiplatform.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DateRangeTest {
  @Test
  void parsesBothEndsEitherEndOrNeither() {
    assertThat(DateRange.parse("2026-11-20", "2026-11-22"))
        .isEqualTo(
            new DateRange(
                Optional.of(LocalDate.of(2026, 11, 20)), Optional.of(LocalDate.of(2026, 11, 22))));
    assertThat(DateRange.parse(null, " ")).isEqualTo(DateRange.ALL);
    DateRange from = DateRange.parse("2026-11-20", null);
    assertThat(from.lowerBound()).isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat(from.upperBound()).isEqualTo(LocalDate.of(9999, 12, 31));
    assertThat(DateRange.parse(null, "2026-11-20").lowerBound()).isEqualTo(LocalDate.of(1, 1, 1));
    assertThat(DateRange.parse("2026-11-20", "2026-11-20").from())
        .isEqualTo(DateRange.parse("2026-11-20", "2026-11-20").to());
  }

  @Test
  void rejectsWhatIsNotADateAndReversedRangesWithAMessage() {
    assertThatThrownBy(() -> DateRange.parse("20/11/2026", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from must be a date as YYYY-MM-DD, not '20/11/2026'.");
    assertThatThrownBy(() -> DateRange.parse(null, "2026-02-30"))
        .hasMessage("to must be a date as YYYY-MM-DD, not '2026-02-30'.");
    assertThatThrownBy(() -> DateRange.parse("2026-11-21", "2026-11-20"))
        .hasMessage("The range's start (from=2026-11-21) is after its end (to=2026-11-20).");
  }
}
