package dev.taxiplatform.core.processed;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The batch job's commit log in the processed bucket: the manifests of committed runs. The live
 * runs are those from the latest full refresh on (or all runs when there was none); their files are
 * the processed data set, every other file under the output prefixes is garbage of a failed or
 * superseded run.
 */
public final class BatchLedger {
  /** Runs committed between two checkpoints of the ledger. */
  public static final int CHECKPOINT_INTERVAL = 20;

  private static final Pattern MANIFEST = Pattern.compile(".*/run-(\\d+)\\.json");

  private final List<BatchManifest> manifests;
  private final Map<Long, String> etags;
  private final long checkpointedUpTo;

  BatchLedger(List<BatchManifest> manifests) {
    this(manifests, Map.of(), 0);
  }

  private BatchLedger(
      List<BatchManifest> manifests, Map<Long, String> etags, long checkpointedUpTo) {
    this.manifests =
        manifests.stream().sorted(Comparator.comparingLong(BatchManifest::sequence)).toList();
    this.etags = Map.copyOf(etags);
    this.checkpointedUpTo = checkpointedUpTo;
  }

  /**
   * Reads every manifest in {@code bucket}: those up to the checkpoint from it, when it matches the
   * manifests listed, and the later ones one by one.
   */
  public static BatchLedger read(S3Client s3, String bucket) {
    TreeMap<Long, S3Object> listed = new TreeMap<>();
    boolean checkpointed = false;
    for (S3Object object :
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(ProcessedLayout.MANIFESTS))
            .contents()) {
      Matcher matcher = MANIFEST.matcher(object.key());
      if (matcher.matches()) {
        listed.put(Long.parseLong(matcher.group(1)), object);
      } else if (object.key().equals(ProcessedLayout.LEDGER_CHECKPOINT)) {
        checkpointed = true;
      }
    }
    TreeMap<Long, String> etags = new TreeMap<>();
    listed.forEach((sequence, object) -> etags.put(sequence, Objects.toString(object.eTag(), "")));
    Optional<LedgerCheckpoint> checkpoint =
        checkpointed ? LedgerCheckpoint.read(s3, bucket, etags) : Optional.empty();
    long upTo = checkpoint.map(LedgerCheckpoint::upTo).orElse(0L);
    List<BatchManifest> manifests =
        new ArrayList<>(checkpoint.map(LedgerCheckpoint::manifests).orElse(List.of()));
    for (S3Object later : listed.tailMap(upTo, false).values()) {
      byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(later.key())).asByteArray();
      manifests.add(parse(bytes, later.key()));
    }
    return new BatchLedger(manifests, etags, upTo);
  }

  /** The last run the checkpoint this ledger was read with holds; 0 when none was used. */
  public long checkpointedUpTo() {
    return checkpointedUpTo;
  }

  /**
   * Writes a checkpoint of this ledger when {@link #CHECKPOINT_INTERVAL} runs or more were
   * committed since the one it was read with (call it on a ledger read after a commit).
   *
   * @return true when it wrote one
   */
  public boolean checkpointIfDue(S3Client s3, String bucket) {
    long last = latest().map(BatchManifest::sequence).orElse(0L);
    if (last - checkpointedUpTo < CHECKPOINT_INTERVAL) {
      return false;
    }
    return new LedgerCheckpoint(LedgerCheckpoint.FORMAT, last, etags, manifests).write(s3, bucket);
  }

  /** Writes {@code manifest}: the run's commit. */
  public static void commit(S3Client s3, String bucket, BatchManifest manifest) {
    try {
      byte[] json = mapper().writeValueAsBytes(manifest);
      s3.putObject(
          b ->
              b.bucket(bucket)
                  .key(ProcessedLayout.manifestKey(manifest.sequence()))
                  .contentType("application/json"),
          RequestBody.fromBytes(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every committed manifest, oldest first. */
  public List<BatchManifest> all() {
    return manifests;
  }

  /** The live manifests: from the latest full refresh on, oldest first. */
  public List<BatchManifest> live() {
    int start = 0;
    for (int i = 0; i < manifests.size(); i++) {
      if (manifests.get(i).fullRefresh()) {
        start = i;
      }
    }
    return manifests.subList(start, manifests.size());
  }

  /** The latest committed run. */
  public Optional<BatchManifest> latest() {
    return manifests.isEmpty()
        ? Optional.empty()
        : Optional.of(manifests.get(manifests.size() - 1));
  }

  /** The number the next run commits under. */
  public long nextSequence() {
    return latest().map(m -> m.sequence() + 1).orElse(1L);
  }

  /** The raw objects the live runs consumed, key to ETag. */
  public Map<String, String> consumedRawObjects() {
    Map<String, String> consumed = new LinkedHashMap<>();
    for (BatchManifest manifest : live()) {
      for (BatchManifest.RawObject object : manifest.rawObjects()) {
        consumed.put(object.key(), object.etag());
      }
    }
    return consumed;
  }

  /** The rides files of the live runs, oldest run first. */
  public List<BatchManifest.OutputFile> ridesFiles() {
    return live().stream().flatMap(m -> m.ridesFiles().stream()).toList();
  }

  /**
   * Every processed key the live runs reference (rides, quarantine, current aggregates and ride-id
   * snapshots).
   */
  public Set<String> liveKeys() {
    Set<String> keys = new HashSet<>();
    for (BatchManifest manifest : live()) {
      manifest.ridesFiles().forEach(f -> keys.add(f.key()));
      manifest.quarantineFiles().forEach(f -> keys.add(f.key()));
    }
    latest()
        .ifPresent(
            m -> {
              m.aggregates().values().forEach(files -> files.forEach(f -> keys.add(f.key())));
              m.rideIds().values().forEach(s -> s.files().forEach(f -> keys.add(f.key())));
            });
    return keys;
  }

  static BatchManifest parse(byte[] json, String key) {
    try {
      BatchManifest manifest = mapper().readValue(json, BatchManifest.class);
      if (manifest.format() != BatchManifest.FORMAT) {
        throw new IllegalStateException(
            "Manifest %s has format %d; this version reads format %d. Upgrade the platform."
                .formatted(key, manifest.format(), BatchManifest.FORMAT));
      }
      return manifest;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Manifest %s is not valid JSON (%s). It was not written by the batch job; remove it."
              .formatted(key, e.getMessage()),
          e);
    }
  }

  /** The JSON mapper manifests are written and read with (snake_case, ISO-8601 instants). */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** Keys of {@code manifests}, for messages. */
  static String describe(List<BatchManifest> manifests) {
    requireNonNull(manifests, "manifests");
    return manifests.stream().map(m -> "run-" + m.sequence()).toList().toString();
  }
}
