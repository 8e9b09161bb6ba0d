package dev.taxiplatform.core.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of measurements. */
public final class Percentiles {
  private final long[] sorted;

  public Percentiles(long[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("No values to take percentiles of");
    }
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  /** The smallest value that at least {@code quantile} (0 < q ≤ 1) of the values do not exceed. */
  public long at(double quantile) {
    if (!(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], was " + quantile);
    }
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  public long max() {
    return sorted[sorted.length - 1];
  }
}
