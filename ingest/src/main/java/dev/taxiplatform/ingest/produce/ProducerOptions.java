package dev.taxiplatform.ingest.produce;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one producer run does.
 *
 * @param topic the topic to publish to
 * @param rate events per second, or empty for as fast as possible
 * @param count stop after this many events
 * @param duration stop after this long
 * @param start start of the simulated clock; empty for event time = now
 * @param speedup how much faster than real time the simulated clock runs on average
 * @param seed the generator's seed
 * @param badFraction share of events corrupted on purpose
 */
public record ProducerOptions(
    String topic,
    OptionalDouble rate,
    OptionalLong count,
    Optional<Duration> duration,
    Optional<Instant> start,
    double speedup,
    long seed,
    double badFraction) {

  /** Simulated rides per simulated second: the nominal rate slowed down by the speed-up. */
  public double simulatedRidesPerSecond(double nominalRate) {
    return rate.orElse(nominalRate) / speedup;
  }
}
