package dev.taxiplatform.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A ride the freshness benchmark follows.
 *
 * @param rideId its id
 * @param publishedAt when the producer sent it (the Kafka record's create time)
 * @param visibleAt when the benchmark first found it in the marts, if it did
 */
record SampledRide(String rideId, Instant publishedAt, Optional<Instant> visibleAt) {
  SampledRide {
    requireNonNull(rideId, "rideId");
    requireNonNull(publishedAt, "publishedAt");
    requireNonNull(visibleAt, "visibleAt");
  }

  static SampledRide published(String rideId, Instant publishedAt) {
    return new SampledRide(rideId, publishedAt, Optional.empty());
  }

  SampledRide seenAt(Instant time) {
    return new SampledRide(rideId, publishedAt, Optional.of(time));
  }

  /** Publication to first visibility, if it became visible. */
  Optional<Duration> freshness() {
    return visibleAt.map(time -> Duration.between(publishedAt, time));
  }
}
