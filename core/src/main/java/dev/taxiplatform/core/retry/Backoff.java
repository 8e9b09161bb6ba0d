package dev.taxiplatform.core.retry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Exponential backoff: the wait before retry {@code n} (1-based) is {@code initial × 2^(n-1)},
 * capped at {@code max}.
 *
 * @param initial the wait before the first retry
 * @param max the longest wait
 */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    requireNonNull(initial, "initial");
    requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "Backoff needs 0 < initial <= max, not %s and %s".formatted(initial, max));
    }
  }

  /** The wait before retry {@code retry} (1 for the first). */
  public Duration delay(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry counts from 1, not " + retry);
    }
    int doublings = Math.min(retry - 1, 30);
    long millis = initial.toMillis() << doublings;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
