package dev.taxiplatform.core.ride;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
  private final BusinessCalendar newYork = new BusinessCalendar(ZoneId.of("America/New_York"));

  @Test
  void aRideJustAfterUtcMidnightBelongsToTheLocalDayBefore() {
    Instant instant = Instant.parse("2026-03-07T04:30:00Z"); // Friday 23:30 EST

    assertThat(newYork.date(instant)).isEqualTo(LocalDate.of(2026, 3, 6));
    assertThat(newYork.hour(instant)).isEqualTo(23);
    assertThat(newYork.weekend(instant)).isFalse();
    assertThat(new BusinessCalendar(ZoneId.of("UTC")).weekend(instant)).isTrue();
  }

  @Test
  void hoursFollowBothDaylightSavingChanges() {
    assertThat(newYork.hour(Instant.parse("2026-03-08T06:59:00Z"))).isEqualTo(1);
    assertThat(newYork.hour(Instant.parse("2026-03-08T07:00:00Z"))).isEqualTo(3);
    assertThat(newYork.hour(Instant.parse("2026-11-01T05:30:00Z"))).isEqualTo(1);
    assertThat(newYork.hour(Instant.parse("2026-11-01T06:30:00Z"))).isEqualTo(1);
    assertThat(newYork.hour(Instant.parse("2026-11-01T07:30:00Z"))).isEqualTo(2);
  }

  @Test
  void rushHoursAreLocalSevenToNineAndFourToSeven() {
    assertThat(newYork.rushHour(Instant.parse("2026-03-09T12:30:00Z"))).isTrue(); // 08:30 EDT
    assertThat(newYork.rushHour(Instant.parse("2026-03-09T07:30:00Z"))).isFalse(); // 03:30 EDT
    assertThat(
            java.util.stream.IntStream.range(0, 24)
                .filter(BusinessCalendar::isRushHour)
                .boxed()
                .toList())
        .containsExactly(7, 8, 9, 16, 17, 18, 19);
    assertThat(BusinessCalendar.rushHourSql("h"))
        .isEqualTo("(h BETWEEN 7 AND 9 OR h BETWEEN 16 AND 19)");
    assertThat(newYork.localTimestampSql("event_ts"))
        .isEqualTo("from_utc_timestamp(event_ts, 'America/New_York')");
  }
}
