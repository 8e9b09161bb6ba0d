package dev.taxiplatform.ingest.sink;

import dev.taxiplatform.core.ride.ViolationReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The sink's meters ({@code taxi_sink_*}). */
public final class SinkMetrics {
  private final Counter consumed;
  private final Counter written;
  private final Map<ViolationReason, Counter> deadLettered = new EnumMap<>(ViolationReason.class);
  private final Counter files;
  private final Counter bytes;
  private final Timer flushDuration;
  private final Timer endToEnd;
  private final AtomicLong lag = new AtomicLong();
  private final AtomicLong buffered = new AtomicLong();
  private final AtomicLong oldestUnflushedMillis = new AtomicLong();

  public SinkMetrics(MeterRegistry registry) {
    this(registry, 0);
  }

  /**
   * The meters of one of a process's consumers: counters are shared by all of them (same names),
   * gauges are per consumer (tag {@code consumer}).
   */
  public SinkMetrics(MeterRegistry registry, int consumer) {
    consumed =
        Counter.builder("taxi.sink.records.consumed")
            .description("Records read from the rides topic")
            .register(registry);
    written =
        Counter.builder("taxi.sink.records.written")
            .description("Rides written to raw Parquet files in S3")
            .register(registry);
    for (ViolationReason reason : ViolationReason.values()) {
      deadLettered.put(
          reason,
          Counter.builder("taxi.sink.records.dead.lettered")
              .description("Invalid records sent to the dead-letter topic, by rule")
              .tag("reason", reason.code())
              .register(registry));
    }
    files =
        Counter.builder("taxi.sink.files.written")
            .description("Parquet files stored in S3")
            .register(registry);
    bytes =
        Counter.builder("taxi.sink.bytes.written")
            .description("Bytes of Parquet files stored in S3")
            .register(registry);
    flushDuration =
        Timer.builder("taxi.sink.flush.duration")
            .description("Time to finish, store and commit one partition's batch")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    endToEnd =
        Timer.builder("taxi.sink.end.to.end.latency")
            .description("From a record's Kafka timestamp to its file being stored in S3")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    Gauge.builder("taxi.sink.consumer.lag", lag, AtomicLong::get)
        .description("Records in the assigned partitions not yet consumed")
        .baseUnit("records")
        .tag("consumer", Integer.toString(consumer))
        .register(registry);
    Gauge.builder("taxi.sink.buffered", buffered, AtomicLong::get)
        .description("Memory held by files not yet written")
        .baseUnit("bytes")
        .tag("consumer", Integer.toString(consumer))
        .register(registry);
    Gauge.builder(
            "taxi.sink.oldest.unflushed.age", oldestUnflushedMillis, SinkMetrics::secondsSince)
        .description(
            "Age of the oldest record consumed but not yet stored in S3 (0 when none is waiting)")
        .baseUnit("seconds")
        .tag("consumer", Integer.toString(consumer))
        .register(registry);
  }

  void consumed(int count) {
    consumed.increment(count);
  }

  void deadLettered(ViolationReason reason) {
    deadLettered.get(reason).increment();
  }

  void stored(int rows, long fileBytes) {
    written.increment(rows);
    files.increment();
    bytes.increment(fileBytes);
  }

  void flushed(Duration duration) {
    flushDuration.record(duration);
  }

  void endToEnd(long storedAtMillis, long[] timestamps, int count) {
    for (int i = 0; i < count; i++) {
      endToEnd.record(Math.max(0, storedAtMillis - timestamps[i]), TimeUnit.MILLISECONDS);
    }
  }

  void lag(long records) {
    lag.set(records);
  }

  void buffered(long bytesHeld) {
    buffered.set(bytesHeld);
  }

  /** When the oldest record not yet stored was taken in (epoch millis; 0: none waits). */
  void oldestUnflushed(long openedAtMillis) {
    oldestUnflushedMillis.set(openedAtMillis);
  }

  private static double secondsSince(AtomicLong millis) {
    long since = millis.get();
    return since == 0 ? 0 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
  }

  /** Records consumed so far (all consumers of the registry). */
  public double recordsConsumed() {
    return consumed.count();
  }

  /** Records written so far. */
  public double recordsWritten() {
    return written.count();
  }

  /** Records dead-lettered so far, all reasons. */
  public double recordsDeadLettered() {
    return deadLettered.values().stream().mapToDouble(Counter::count).sum();
  }
}
