package dev.taxiplatform.dashboard.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Latency percentiles of a run (nearest rank), in milliseconds.
 *
 * @param count how many were measured
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the slowest
 */
record Latencies(int count, double p50, double p95, double p99, double max) {
  static Latencies ofNanos(List<Long> nanos) {
    if (nanos.isEmpty()) {
      throw new IllegalArgumentException("Nothing was measured");
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Latencies(
        sorted.length,
        millis(rank(sorted, 0.50)),
        millis(rank(sorted, 0.95)),
        millis(rank(sorted, 0.99)),
        millis(sorted[sorted.length - 1]));
  }

  private static long rank(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  @Override
  public String toString() {
    return "n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms"
        .formatted(count, p50, p95, p99, max);
  }
}
