package dev.taxiplatform.core.ride;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
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

  @Test
  void theDatesOfAnIntervalAreThoseItsInstantsFallOn() {
    Instant lateEvening = Instant.parse("2026-03-07T04:00:00Z"); // 23:00 EST
    assertThat(newYork.dates(lateEvening, lateEvening.plus(1, ChronoUnit.HOURS)))
        .containsExactly(LocalDate.of(2026, 3, 6));
    assertThat(newYork.dates(lateEvening, lateEvening.plus(25, ChronoUnit.HOURS)))
        .containsExactly(LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 7));

    BusinessCalendar kolkata = new BusinessCalendar(ZoneId.of("Asia/Kolkata")); // UTC+05:30
    Instant hour = Instant.parse("2026-03-07T18:00:00Z"); // 23:30 to 00:30
    assertThat(kolkata.dates(hour, hour.plus(1, ChronoUnit.HOURS)))
        .containsExactly(LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 8));

    // Samoa skipped 30 December 2011: 23:59:59 on the 29th was followed by the 31st.
    BusinessCalendar apia = new BusinessCalendar(ZoneId.of("Pacific/Apia"));
    Instant skip = Instant.parse("2011-12-30T09:30:00Z");
    assertThat(apia.dates(skip, skip.plus(1, ChronoUnit.HOURS)))
        .containsExactly(LocalDate.of(2011, 12, 29), LocalDate.of(2011, 12, 31));
  }

  @Test
  void theDatesOfEachHourAroundOffsetChangesAreThoseOfItsEverySecond() {
    for (String zone :
        List.of(
            "America/New_York",
            "America/Sao_Paulo",
            "Asia/Kathmandu",
            "Australia/Lord_Howe",
            "Pacific/Apia")) {
      BusinessCalendar calendar = new BusinessCalendar(ZoneId.of(zone));
      ZoneRules rules = calendar.zone().getRules();
      Instant after = Instant.parse("2011-01-01T00:00:00Z");
      for (int change = 0; change < 6; change++) {
        ZoneOffsetTransition transition = rules.nextTransition(after);
        if (transition == null) {
          break;
        }
        Instant at = transition.getInstant();
        Instant first = at.minus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        for (Instant hour = first;
            hour.isBefore(at.plus(30, ChronoUnit.HOURS));
            hour = hour.plus(1, ChronoUnit.HOURS)) {
          SortedSet<LocalDate> everySecond = new TreeSet<>();
          for (int second = 0; second < 3600; second++) {
            everySecond.add(calendar.date(hour.plusSeconds(second)));
          }
          assertThat(calendar.dates(hour, hour.plus(1, ChronoUnit.HOURS)))
              .as("%s, the hour from %s", zone, hour)
              .isEqualTo(everySecond);
        }
        after = at;
      }
    }
  }
}
