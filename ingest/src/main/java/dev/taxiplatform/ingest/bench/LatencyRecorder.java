package dev.taxiplatform.ingest.bench;

import dev.taxiplatform.ingest.sink.FlushObserver;
import java.util.Arrays;
import java.util.List;

/** Collects every ride's end-to-end latency (Kafka timestamp to file stored) for percentiles. */
final class LatencyRecorder implements FlushObserver {
  private long[] millis = new long[1 << 16];
  private int count;

  @Override
  public synchronized void flushed(
      String topic,
      int partition,
      List<String> keys,
      int rows,
      long committedOffset,
      long storedAtMillis,
      long[] timestamps) {
    if (count + rows > millis.length) {
      millis = Arrays.copyOf(millis, Math.max(millis.length * 2, count + rows));
    }
    for (int i = 0; i < rows; i++) {
      millis[count++] = Math.max(0, storedAtMillis - timestamps[i]);
    }
  }

  synchronized int count() {
    return count;
  }

  /** The latency in milliseconds below which {@code quantile} of the rides fall. */
  synchronized double percentile(double quantile) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(millis, count);
    Arrays.sort(sorted);
    int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(quantile * count) - 1));
    return sorted[index];
  }
}
