package dev.taxiplatform.core.ride;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The event times a ride may have: not before {@link #EARLIEST} (no taxi meter of ours predates it)
 * and not more than {@code maxFutureSkew} ahead of the clock (a ride dated decades ahead would
 * otherwise show as the newest ride for decades).
 *
 * @param maxFutureSkew how far ahead of {@code clock} an event may be dated
 * @param clock the clock "now" is read from
 */
public record EventTimeWindow(Duration maxFutureSkew, Clock clock) {
  /** The earliest event time accepted. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** The future skew used when none is configured. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);

  public EventTimeWindow {
    requireNonNull(maxFutureSkew, "maxFutureSkew");
    requireNonNull(clock, "clock");
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must not be negative: " + maxFutureSkew);
    }
  }

  /** The default window on the system clock. */
  public static EventTimeWindow standard() {
    return new EventTimeWindow(DEFAULT_MAX_FUTURE_SKEW, Clock.systemUTC());
  }

  /** Empty when {@code eventTime} is inside the window, else why not. */
  public Optional<String> problem(Instant eventTime) {
    if (eventTime.isBefore(EARLIEST)) {
      return Optional.of("event_timestamp %s is before %s".formatted(eventTime, EARLIEST));
    }
    Instant latest = clock.instant().plus(maxFutureSkew);
    if (eventTime.isAfter(latest)) {
      return Optional.of(
          ("event_timestamp %s is more than %s ahead of now (%s); raise sink.max-future-skew if"
                  + " the producers' clocks are that far ahead")
              .formatted(eventTime, maxFutureSkew, latest.minus(maxFutureSkew)));
    }
    return Optional.empty();
  }
}
