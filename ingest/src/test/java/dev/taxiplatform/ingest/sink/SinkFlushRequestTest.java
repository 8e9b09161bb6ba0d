package dev.taxiplatform.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.ingest.IngestTestKit;
import dev.taxiplatform.ingest.generate.EventClock;
import dev.taxiplatform.ingest.generate.RideStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With batches too large to fill and a flush interval too long to pass, a flush request writes and
 * commits every ride the sink holds at once; a stop request that reaches the sink after a batch is
 * stored and before its offsets are committed (SIGTERM during a flush) still commits that batch and
 * every other one it holds, and the sink returns normally.
 */
class SinkFlushRequestTest {
  private static final int RIDES = 3_000;

  private final List<Integer> flushedRows = new CopyOnWriteArrayList<>();
  private final SinkMetrics metrics = new SinkMetrics(new SimpleMeterRegistry());

  @Test
  void aFlushRequestWritesAndCommitsEveryHeldRide() throws Exception {
    IngestTestKit kit = IngestTestKit.create("flush");
    kit.produce(
        new RideStream(7, EventClock.simulated(Instant.parse("2026-11-02T00:00:00Z"), 1, 7), 0),
        RIDES);
    try (S3Client s3 = kit.s3();
        RideSink sink = sinkHoldingEveryRide(kit, s3, RideSink.StoredBatchHook.NONE)) {
      Thread runner = new Thread(sink::run, "flush-sink");
      runner.start();
      try {
        IngestTestKit.await(
            Duration.ofMinutes(2), "all rides consumed", () -> metrics.recordsConsumed() >= RIDES);
        Thread.sleep(1_000);
        assertThat(flushedRows).as("nothing closes a batch by itself here").isEmpty();
        assertThat(kit.committed()).isZero();

        sink.requestFlush();

        kit.awaitAllCommitted(Duration.ofSeconds(30));
        assertThat(flushedRows.stream().mapToInt(Integer::intValue).sum()).isEqualTo(RIDES);
        assertThat(flushedRows).hasSize(IngestTestKit.PARTITIONS);
        assertThat(kit.objectKeys())
            .hasSize(IngestTestKit.PARTITIONS)
            .allSatisfy(k -> assertThat(k).startsWith(kit.topic() + "/year=2026/month=11/day=02/"));
      } finally {
        sink.stop();
        runner.join(TimeUnit.MINUTES.toMillis(1));
      }
    }
  }

  @Test
  void aStopBetweenStoreAndCommitStillCommitsEveryBatch() throws Exception {
    IngestTestKit kit = IngestTestKit.create("stopcommit");
    kit.produce(
        new RideStream(5, EventClock.simulated(Instant.parse("2026-11-03T00:00:00Z"), 1, 5), 0),
        RIDES);
    AtomicReference<RideSink> sinkRef = new AtomicReference<>();
    AtomicInteger stored = new AtomicInteger();
    RideSink.StoredBatchHook stopAtFirstStore =
        (partition, nextOffset) -> {
          if (stored.incrementAndGet() == 1) {
            sinkRef.get().stop();
          }
        };
    try (S3Client s3 = kit.s3();
        RideSink sink = sinkHoldingEveryRide(kit, s3, stopAtFirstStore)) {
      sinkRef.set(sink);
      CompletableFuture<Void> run = CompletableFuture.runAsync(sink::run);
      IngestTestKit.await(
          Duration.ofMinutes(2), "all rides consumed", () -> metrics.recordsConsumed() >= RIDES);
      assertThat(kit.committed()).isZero();

      sink.requestFlush();

      run.get(1, TimeUnit.MINUTES); // rethrows what run() threw
      assertThat(stored).as("each batch stored once").hasValue(IngestTestKit.PARTITIONS);
      assertThat(flushedRows.stream().mapToInt(Integer::intValue).sum()).isEqualTo(RIDES);
      assertThat(kit.committed()).as("committed before the consumer is closed").isEqualTo(RIDES);
      assertThat(sink.problem()).isNull();
    }
  }

  /**
   * A sink whose batches only a request closes: too large to fill, an interval too long to pass.
   */
  private RideSink sinkHoldingEveryRide(
      IngestTestKit kit, S3Client s3, RideSink.StoredBatchHook hook) {
    return new RideSink(
        kit.sinkOptions(1_000_000, Duration.ofHours(1), "zstd", 256L * 1024 * 1024),
        kit.kafka(),
        s3,
        metrics,
        (topic, partition, keys, rows, offset, storedAt, timestamps) -> flushedRows.add(rows),
        hook);
  }
}
