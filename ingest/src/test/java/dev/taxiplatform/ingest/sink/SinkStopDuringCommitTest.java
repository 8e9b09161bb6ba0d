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
 * A stop request that reaches the sink after a batch is stored and before its offsets are committed
 * (SIGTERM during a flush): the sink still commits that batch and every other one it holds, and
 * returns normally.
 */
class SinkStopDuringCommitTest {
  private static final int RIDES = 3_000;

  @Test
  void aStopBetweenStoreAndCommitStillCommitsEveryBatch() throws Exception {
    IngestTestKit kit = IngestTestKit.create("stopcommit");
    kit.produce(
        new RideStream(5, EventClock.simulated(Instant.parse("2026-11-03T00:00:00Z"), 1, 5), 0),
        RIDES);
    List<Integer> flushedRows = new CopyOnWriteArrayList<>();
    AtomicReference<RideSink> sinkRef = new AtomicReference<>();
    AtomicInteger stored = new AtomicInteger();
    SinkOptions options =
        kit.sinkOptions(1_000_000, Duration.ofHours(1), "zstd", 256L * 1024 * 1024);
    SinkMetrics metrics = new SinkMetrics(new SimpleMeterRegistry());
    try (S3Client s3 = kit.s3();
        RideSink sink =
            new RideSink(
                options,
                kit.kafka(),
                s3,
                metrics,
                (topic, partition, keys, rows, offset, storedAt, timestamps) ->
                    flushedRows.add(rows),
                (partition, nextOffset) -> {
                  if (stored.incrementAndGet() == 1) {
                    sinkRef.get().stop();
                  }
                })) {
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
}
