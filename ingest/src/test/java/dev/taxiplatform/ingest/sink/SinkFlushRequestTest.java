package dev.taxiplatform.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.ingest.IngestTestKit;
import dev.taxiplatform.ingest.generate.EventClock;
import dev.taxiplatform.ingest.generate.RideStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With batches too large to fill and a flush interval too long to pass, a flush request writes and
 * commits every ride the sink holds at once.
 */
class SinkFlushRequestTest {
  private static final int RIDES = 3_000;

  @Test
  void aFlushRequestWritesAndCommitsEveryHeldRide() throws Exception {
    IngestTestKit kit = IngestTestKit.create("flush");
    kit.produce(
        new RideStream(7, EventClock.simulated(Instant.parse("2026-11-02T00:00:00Z"), 1, 7), 0),
        RIDES);
    List<Integer> flushedRows = new CopyOnWriteArrayList<>();
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
                    flushedRows.add(rows))) {
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
}
