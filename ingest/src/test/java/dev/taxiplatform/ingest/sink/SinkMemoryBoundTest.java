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
 * With batches too large to ever fill and a flush interval too long to ever pass, the sink still
 * writes early once its buffered files exceed their memory budget, and stays exactly-once.
 */
class SinkMemoryBoundTest {
  private static final int RIDES = 30_000;

  @Test
  void bufferedFilesBeyondTheBudgetAreWrittenEarly() throws Exception {
    IngestTestKit kit = IngestTestKit.create("memory");
    // Two weeks of rides: every batch holds many open day files.
    kit.produce(
        new RideStream(5, EventClock.simulated(Instant.parse("2026-11-01T00:00:00Z"), 0.025, 5), 0),
        RIDES);
    List<Integer> flushedRows = new CopyOnWriteArrayList<>();
    long budget = 2L * 1024 * 1024;
    SinkOptions options = kit.sinkOptions(1_000_000, Duration.ofHours(1), "snappy", budget);
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
      Thread runner = new Thread(sink::run, "memory-sink");
      runner.start();
      // Neither rule can close a batch here: only the memory budget can.
      IngestTestKit.await(
          Duration.ofMinutes(3), "all rides consumed", () -> metrics.recordsConsumed() >= RIDES);
      int beforeStop = flushedRows.size();
      sink.stop();
      runner.join(TimeUnit.MINUTES.toMillis(1));
      assertThat(beforeStop).isPositive();
    }
    kit.awaitAllCommitted(Duration.ofSeconds(30));
    assertThat(flushedRows.stream().mapToInt(Integer::intValue).sum()).isEqualTo(RIDES);
    assertThat(kit.objectKeys())
        .allSatisfy(k -> assertThat(k).startsWith(kit.topic() + "/year=2026/month=11/"));
  }
}
