package dev.taxiplatform.ingest.generate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/** Gives each generated ride its end time. */
public interface EventClock {
  /** The next event's time. */
  Instant next();

  /** Now, to the millisecond: rides happen as they are published. */
  static EventClock realTime() {
    return () -> Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * A simulated clock from {@code start}: rides arrive as a Poisson process whose rate follows the
   * week's demand ({@link DemandProfile}), {@code ridesPerSecond} on average. The times depend only
   * on the arguments, never on the wall clock.
   */
  static EventClock simulated(Instant start, double ridesPerSecond, long seed) {
    return new SimulatedClock(start, ridesPerSecond, seed);
  }

  /** The simulated clock. */
  final class SimulatedClock implements EventClock {
    private final double ridesPerSecond;
    private final SplittableRandom random;
    private final DemandProfile demand = new DemandProfile();
    private long nanos;
    private final Instant start;

    SimulatedClock(Instant start, double ridesPerSecond, long seed) {
      if (!(ridesPerSecond > 0)) {
        throw new IllegalArgumentException("ridesPerSecond must be positive");
      }
      this.start = start.truncatedTo(ChronoUnit.MILLIS);
      this.ridesPerSecond = ridesPerSecond;
      this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    @Override
    public Instant next() {
      Instant now = start.plusNanos(nanos);
      double rate = ridesPerSecond * demand.intensity(now.atZone(RideGenerator.NEW_YORK));
      double gapSeconds = -Math.log(1 - random.nextDouble()) / rate;
      nanos += (long) (gapSeconds * 1e9);
      return start.plusNanos(nanos).truncatedTo(ChronoUnit.MILLIS);
    }
  }
}
