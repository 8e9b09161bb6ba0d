package dev.taxiplatform.core.ride;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The calendar fields of a ride, derived from its UTC instant in the business time zone ({@code
 * business.time-zone}): the event date and hour, rush hour (7–9 and 16–19 o'clock, hours inclusive)
 * and weekend (Saturday, Sunday). The batch job computes them in Spark SQL with {@link
 * #localTimestampSql}, {@link #rushHourSql} and {@link #weekendSql}; code that builds processed
 * rides without Spark uses the Java methods.
 *
 * @param zone the business time zone
 */
public record BusinessCalendar(ZoneId zone) {
  /** The platform's default business time zone: New York's, where the rides are from. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/New_York");

  public BusinessCalendar {
    requireNonNull(zone, "zone");
  }

  /** The first and last hour of the morning and of the evening rush, inclusive. */
  private static final int MORNING_FROM = 7;

  private static final int MORNING_TO = 9;
  private static final int EVENING_FROM = 16;
  private static final int EVENING_TO = 19;

  /** The local date of {@code instant}. */
  public LocalDate date(Instant instant) {
    return local(instant).toLocalDate();
  }

  /**
   * The local dates of every instant from {@code from} (inclusive) to {@code to} (exclusive). A
   * local date only moves forward between two offset changes of the zone; one can move it back (a
   * change at midnight), so each stretch between changes is taken on its own.
   */
  public SortedSet<LocalDate> dates(Instant from, Instant to) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    ZoneRules rules = zone.getRules();
    Instant start = from;
    while (start.isBefore(to)) {
      ZoneOffsetTransition change = rules.nextTransition(start);
      Instant end = change == null || !change.getInstant().isBefore(to) ? to : change.getInstant();
      LocalDate last = date(end.minusNanos(1));
      for (LocalDate date = date(start); !date.isAfter(last); date = date.plusDays(1)) {
        dates.add(date);
      }
      start = end;
    }
    return dates;
  }

  /** The local hour (0–23) of {@code instant}. */
  public int hour(Instant instant) {
    return local(instant).getHour();
  }

  /** True when {@code instant} falls in a local rush hour. */
  public boolean rushHour(Instant instant) {
    return isRushHour(hour(instant));
  }

  /** True when {@code instant} falls on a local Saturday or Sunday. */
  public boolean weekend(Instant instant) {
    DayOfWeek day = local(instant).getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }

  /** True for a local hour of the day in a rush hour. */
  public static boolean isRushHour(int hour) {
    return (hour >= MORNING_FROM && hour <= MORNING_TO)
        || (hour >= EVENING_FROM && hour <= EVENING_TO);
  }

  /**
   * Spark SQL: the local wall-clock time of the UTC timestamp {@code timestampColumn}, in a session
   * whose time zone is UTC; {@code hour()} and {@code to_date()} of it are local.
   */
  public String localTimestampSql(String timestampColumn) {
    return "from_utc_timestamp(%s, '%s')".formatted(timestampColumn, zone.getId());
  }

  /** SQL (Spark and PostgreSQL): true when the local hour {@code hourColumn} is a rush hour. */
  public static String rushHourSql(String hourColumn) {
    return "(%1$s BETWEEN %2$d AND %3$d OR %1$s BETWEEN %4$d AND %5$d)"
        .formatted(hourColumn, MORNING_FROM, MORNING_TO, EVENING_FROM, EVENING_TO);
  }

  /** Spark SQL: true when the local date {@code dateColumn} is a Saturday or a Sunday. */
  public static String weekendSql(String dateColumn) {
    return "dayofweek(%s) IN (1, 7)".formatted(dateColumn);
  }

  private ZonedDateTime local(Instant instant) {
    return instant.atZone(zone);
  }
}
