package dev.taxiplatform.orchestrator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand; it follows real time unless set. */
final class MutableClock extends Clock {
  private volatile Instant fixed;

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    Instant now = fixed;
    return now == null ? Instant.now() : now;
  }

  void set(Instant instant) {
    fixed = instant;
  }

  void advance(Duration duration) {
    fixed = instant().plus(duration);
  }
}
