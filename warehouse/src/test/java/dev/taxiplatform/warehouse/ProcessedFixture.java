package dev.taxiplatform.warehouse;

import dev.taxiplatform.core.processed.BatchLedger;
import dev.taxiplatform.core.processed.BatchManifest;
import dev.taxiplatform.core.processed.ProcessedRide;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/** Writes processed rides files and commits batch runs naming them, as the batch job does. */
final class ProcessedFixture {
  private final S3Client s3;
  private final String bucket;
  private final Path scratch;
  private final List<BatchManifest.OutputFile> pending = new ArrayList<>();
  private int fileNumber;

  ProcessedFixture(S3Client s3, String bucket, Path scratch) {
    this.s3 = s3;
    this.bucket = bucket;
    this.scratch = scratch;
    s3.createBucket(b -> b.bucket(bucket));
  }

  static ProcessedRide ride(String id, String timestamp, String fare) {
    BigDecimal fareAmount = new BigDecimal(fare);
    return new ProcessedRide(
        id,
        Instant.parse(timestamp),
        132,
        "JFK Airport",
        "Queens",
        236,
        "Upper East Side North",
        "Manhattan",
        2,
        new BigDecimal("10.00"),
        new BigDecimal("30.00"),
        "credit_card",
        "standard",
        fareAmount,
        new BigDecimal("6.00"),
        new BigDecimal("0.00"),
        fareAmount.add(new BigDecimal("7.50")));
  }

  /** Writes one rides file for {@code date} holding {@code rides}; returns its key. */
  String file(String date, List<ProcessedRide> rides) throws Exception {
    String key =
        "rides/event_date=%s/part-%05d-test.c000.snappy.parquet".formatted(date, fileNumber++);
    Path local = scratch.resolve(key);
    Files.createDirectories(local.getParent());
    try (ProcessedRideWriter writer = new ProcessedRideWriter(local)) {
      for (ProcessedRide ride : rides) {
        writer.write(ride);
      }
    }
    s3.putObject(b -> b.bucket(bucket).key(key), local);
    pending.add(new BatchManifest.OutputFile(key, Files.size(local)));
    return key;
  }

  /** Commits the files written since the last commit as batch run {@code sequence}. */
  void commit(long sequence) {
    BatchLedger.commit(
        s3,
        bucket,
        new BatchManifest(
            BatchManifest.FORMAT,
            sequence,
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:01:00Z"),
            false,
            List.of(),
            List.of(),
            pending,
            List.of(),
            Map.of(),
            Map.of(),
            new BatchManifest.Counts(0, Map.of(), 0, 0)));
    pending.clear();
  }
}
