package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.processed.BatchLedger;
import dev.taxiplatform.core.processed.BatchManifest;
import dev.taxiplatform.core.processed.ProcessedLayout;
import dev.taxiplatform.core.testing.LocalStack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The ledger's checkpoint on the stack's S3 server: a ledger read after it fetches the checkpoint
 * and the later manifests only, with the same contents as reading every manifest; a checkpoint that
 * does not match the manifests (one replaced, one removed, a damaged object) is ignored.
 */
class BatchLedgerCheckpointTest {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static final AtomicInteger GETS = new AtomicInteger();
  private static final Instant STARTED = Instant.parse("2026-11-02T10:00:00Z");

  private static S3Client s3;
  private String bucket;

  @BeforeAll
  static void connect() {
    s3 =
        LocalStack.shared()
            .connections()
            .s3()
            .clientBuilder()
            .overrideConfiguration(o -> o.addExecutionInterceptor(new GetCounter()))
            .build();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @BeforeEach
  void freshBucket() {
    bucket = "ledger-test-" + BUCKETS.incrementAndGet();
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Test
  void aCheckpointIsWrittenEveryIntervalAndReadInsteadOfTheManifestsItHolds() {
    int interval = BatchLedger.CHECKPOINT_INTERVAL;
    commitRuns(1, interval - 1);
    BatchLedger beforeInterval = BatchLedger.read(s3, bucket);
    assertThat(beforeInterval.checkpointIfDue(s3, bucket)).as("not due yet").isFalse();

    commitRuns(interval, interval + 5);
    BatchLedger due = BatchLedger.read(s3, bucket);
    assertThat(due.checkpointedUpTo()).isZero();
    assertThat(due.checkpointIfDue(s3, bucket)).isTrue();

    commitRuns(interval + 6, interval + 8);
    GETS.set(0);
    BatchLedger checkpointed = BatchLedger.read(s3, bucket);
    assertThat(checkpointed.checkpointedUpTo()).isEqualTo(interval + 5);
    assertThat(GETS.get()).as("the checkpoint and the 3 later manifests").isEqualTo(4);
    assertThat(checkpointed.all()).isEqualTo(expected(interval + 8));
    assertThat(checkpointed.ridesFiles()).hasSize(interval + 8);
    assertThat(checkpointed.consumedRawObjects())
        .hasSize(interval + 8)
        .containsEntry("raw/date=2026-11-02/object-7.parquet", "etag-7");
    assertThat(checkpointed.checkpointIfDue(s3, bucket)).as("3 runs since").isFalse();

    commitRuns(interval + 9, 2 * interval + 5);
    BatchLedger next = BatchLedger.read(s3, bucket);
    assertThat(next.checkpointIfDue(s3, bucket)).isTrue();
    GETS.set(0);
    BatchLedger read = BatchLedger.read(s3, bucket);
    assertThat(read.checkpointedUpTo()).isEqualTo(2 * interval + 5);
    assertThat(GETS.get()).as("the checkpoint alone").isEqualTo(1);
    assertThat(read.all()).isEqualTo(expected(2 * interval + 5));
  }

  @Test
  void aCheckpointIsIgnoredWhenAManifestItHoldsWasReplacedOrRemoved() {
    commitRuns(1, 25);
    assertThat(BatchLedger.read(s3, bucket).checkpointIfDue(s3, bucket)).isTrue();

    BatchManifest replaced = manifest(7, "replaced");
    BatchLedger.commit(s3, bucket, replaced);
    BatchLedger afterReplacing = BatchLedger.read(s3, bucket);
    assertThat(afterReplacing.checkpointedUpTo()).isZero();
    assertThat(afterReplacing.all()).hasSize(25).contains(replaced);

    s3.deleteObject(b -> b.bucket(bucket).key(ProcessedLayout.manifestKey(12)));
    GETS.set(0);
    BatchLedger afterRemoving = BatchLedger.read(s3, bucket);
    assertThat(afterRemoving.checkpointedUpTo()).isZero();
    assertThat(GETS.get()).as("the checkpoint, then every manifest").isEqualTo(1 + 24);
    assertThat(afterRemoving.all()).hasSize(24);
    assertThat(afterRemoving.all()).extracting(BatchManifest::sequence).doesNotContain(12L);
  }

  @Test
  void aDamagedCheckpointIsIgnored() {
    commitRuns(1, 21);
    s3.putObject(
        b -> b.bucket(bucket).key(ProcessedLayout.LEDGER_CHECKPOINT),
        RequestBody.fromString("{\"format\": 1, \"up_to\": 21, \"manif"));
    BatchLedger ledger = BatchLedger.read(s3, bucket);
    assertThat(ledger.checkpointedUpTo()).isZero();
    assertThat(ledger.all()).isEqualTo(expected(21));
    assertThat(ledger.checkpointIfDue(s3, bucket)).as("a new one replaces it").isTrue();
    assertThat(BatchLedger.read(s3, bucket).checkpointedUpTo()).isEqualTo(21);
  }

  private void commitRuns(int first, int last) {
    for (int sequence = first; sequence <= last; sequence++) {
      BatchLedger.commit(s3, bucket, manifest(sequence, "etag-" + sequence));
    }
  }

  private static List<BatchManifest> expected(int last) {
    return IntStream.rangeClosed(1, last)
        .mapToObj(sequence -> manifest(sequence, "etag-" + sequence))
        .toList();
  }

  private static BatchManifest manifest(long sequence, String rawEtag) {
    String rides = "rides/event_date=2026-11-02/part-%06d.parquet".formatted(sequence);
    return new BatchManifest(
        BatchManifest.FORMAT,
        sequence,
        STARTED.plusSeconds(20 * sequence),
        STARTED.plusSeconds(20 * sequence + 5),
        false,
        List.of(
            new BatchManifest.RawObject(
                "raw/date=2026-11-02/object-%d.parquet".formatted(sequence), rawEtag, 1000)),
        List.of(),
        List.of(new BatchManifest.OutputFile(rides, 5000 + sequence)),
        List.of(),
        Map.of(
            "zone-stats",
            List.of(
                new BatchManifest.OutputFile(
                    "zone-stats/snapshot=%06d/part-0.parquet".formatted(sequence), 300))),
        Map.of(),
        new BatchManifest.Counts(100, Map.of("invalid_zone", 1L), 2, 97));
  }

  /** Counts the GetObject calls of the test's client. */
  private static final class GetCounter implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof GetObjectRequest) {
        GETS.incrementAndGet();
      }
    }
  }
}
