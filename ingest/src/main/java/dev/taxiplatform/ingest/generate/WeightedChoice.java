package dev.taxiplatform.ingest.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws an index with probability proportional to its weight (cumulative table, binary search). */
final class WeightedChoice {
  private final double[] cumulative;
  private final double total;

  WeightedChoice(double[] weights) {
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] < 0 || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " is " + weights[i]);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("all weights are zero");
    }
    total = sum;
  }

  int next(SplittableRandom random) {
    double target = random.nextDouble() * total;
    int index = Arrays.binarySearch(cumulative, target);
    index = index < 0 ? -index - 1 : index + 1;
    // Skip zero-weight entries that share the cumulative value.
    while (index < cumulative.length - 1 && cumulative[index] <= target) {
      index++;
    }
    return Math.min(index, cumulative.length - 1);
  }

  /** The probability of index {@code i}. */
  double probability(int i) {
    return (cumulative[i] - (i == 0 ? 0 : cumulative[i - 1])) / total;
  }
}
