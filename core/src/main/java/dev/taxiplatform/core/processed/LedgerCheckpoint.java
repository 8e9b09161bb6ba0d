package dev.taxiplatform.core.processed;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every manifest up to run {@code upTo} in one object ({@link ProcessedLayout#LEDGER_CHECKPOINT}),
 * with the ETag each manifest object had. The manifests stay the commit log: a checkpoint is used
 * only while the manifests it holds are exactly the ones listed, with the same ETags; otherwise it
 * is ignored and every manifest is read.
 *
 * @param format the checkpoint format version (1)
 * @param upTo the last run it holds
 * @param etags per run, the ETag of its manifest object
 * @param manifests the manifests of runs 1 to {@code upTo} that exist
 */
public record LedgerCheckpoint(
    int format, long upTo, Map<Long, String> etags, List<BatchManifest> manifests) {
  public static final int FORMAT = 1;

  private static final Logger LOG = LoggerFactory.getLogger(LedgerCheckpoint.class);

  public LedgerCheckpoint {
    etags = Map.copyOf(etags);
    manifests = List.copyOf(manifests);
  }

  /**
   * The checkpoint in {@code bucket}, if it matches {@code listed} (per run, its manifest's ETag):
   * the same runs up to its {@code upTo}, with the same ETags.
   */
  static Optional<LedgerCheckpoint> read(
      S3Client s3, String bucket, NavigableMap<Long, String> listed) {
    requireNonNull(listed, "listed");
    LedgerCheckpoint checkpoint;
    try {
      byte[] json =
          s3.getObjectAsBytes(b -> b.bucket(bucket).key(ProcessedLayout.LEDGER_CHECKPOINT))
              .asByteArray();
      checkpoint = BatchLedger.mapper().readValue(json, LedgerCheckpoint.class);
    } catch (IOException | RuntimeException e) {
      return ignored("it is not readable (" + e.getMessage() + ")");
    }
    if (checkpoint.format() != FORMAT) {
      return ignored(
          "it has format %d; this version reads format %d".formatted(checkpoint.format(), FORMAT));
    }
    if (!listed.headMap(checkpoint.upTo(), true).equals(checkpoint.etags())) {
      return ignored(
          "the manifests up to run %d are not the ones it holds".formatted(checkpoint.upTo()));
    }
    if (!checkpoint.etags().keySet().equals(sequences(checkpoint.manifests()))) {
      return ignored("its manifests and their ETags do not match");
    }
    return Optional.of(checkpoint);
  }

  /**
   * Writes this checkpoint over the previous one. A failure is only logged: the manifests stay the
   * complete log, and a later run writes the checkpoint.
   *
   * @return true when it was written
   */
  boolean write(S3Client s3, String bucket) {
    try {
      byte[] json = BatchLedger.mapper().writeValueAsBytes(this);
      s3.putObject(
          b ->
              b.bucket(bucket)
                  .key(ProcessedLayout.LEDGER_CHECKPOINT)
                  .contentType("application/json"),
          RequestBody.fromBytes(json));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SdkException e) {
      LOG.warn(
          "Could not write the ledger checkpoint {} up to run {}: {}. The manifests stay complete;"
              + " a later run writes it.",
          ProcessedLayout.LEDGER_CHECKPOINT,
          upTo,
          e.getMessage());
      return false;
    }
  }

  private static Set<Long> sequences(List<BatchManifest> manifests) {
    return manifests.stream().map(BatchManifest::sequence).collect(Collectors.toSet());
  }

  private static Optional<LedgerCheckpoint> ignored(String why) {
    LOG.warn(
        "Ignoring the ledger checkpoint {}: {}. Reading every manifest instead; a later run"
            + " writes a new checkpoint.",
        ProcessedLayout.LEDGER_CHECKPOINT,
        why);
    return Optional.empty();
  }
}
