package dev.taxiplatform.dashboard.data;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The event dates (local to the business time zone) a panel covers, both ends included; an absent
 * end is open.
 *
 * @param from the first date, or empty for no lower bound
 * @param to the last date, or empty for no upper bound
 */
public record DateRange(Optional<LocalDate> from, Optional<LocalDate> to) {
  /** Every date. */
  public static final DateRange ALL = new DateRange(Optional.empty(), Optional.empty());

  private static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
  private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

  public DateRange {
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new IllegalArgumentException(
          "The range's start (from=%s) is after its end (to=%s).".formatted(from.get(), to.get()));
    }
  }

  /**
   * Parses the {@code from} and {@code to} request parameters ({@code YYYY-MM-DD}; null or blank
   * for an open end).
   *
   * @throws IllegalArgumentException with a message for the user when a value is not a date or the
   *     range is reversed
   */
  public static DateRange parse(String from, String to) {
    return new DateRange(date("from", from), date("to", to));
  }

  /** The first date as a query bound (a date before any ride when open). */
  public LocalDate lowerBound() {
    return from.orElse(EARLIEST);
  }

  /** The last date as a query bound (a date after any ride when open). */
  public LocalDate upperBound() {
    return to.orElse(LATEST);
  }

  private static Optional<LocalDate> date(String name, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value.trim()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "%s must be a date as YYYY-MM-DD, not '%s'.".formatted(name, value), e);
    }
  }
}
