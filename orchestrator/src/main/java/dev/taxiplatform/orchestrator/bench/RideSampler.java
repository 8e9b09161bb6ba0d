package dev.taxiplatform.orchestrator.bench;

/**
 * Picks one ride in every {@code every} published, starting with the first: a steady sample whose
 * size follows the rate, without looking at the rides' content.
 */
final class RideSampler {
  private final int every;
  private long seen;

  RideSampler(int every) {
    if (every < 1) {
      throw new IllegalArgumentException("every must be at least 1, was " + every);
    }
    this.every = every;
  }

  /** Counts one published ride; whether it is sampled. */
  boolean take() {
    return seen++ % every == 0;
  }
}
