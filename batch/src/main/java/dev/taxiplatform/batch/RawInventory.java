package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.processed.BatchManifest;
import dev.taxiplatform.core.processed.ProcessedLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The raw ride objects in the raw bucket, and which of them a run has to process. */
public final class RawInventory {
  private static final Pattern DAY =
      Pattern.compile(".*/year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/[^/]+$");

  private final List<BatchManifest.RawObject> objects;

  RawInventory(List<BatchManifest.RawObject> objects) {
    this.objects =
        objects.stream().sorted(Comparator.comparing(BatchManifest.RawObject::key)).toList();
  }

  /** Lists the Parquet objects under {@code taxi-rides/} in {@code bucket}. */
  public static RawInventory list(S3Client s3, String bucket) {
    List<BatchManifest.RawObject> objects = new ArrayList<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(ProcessedLayout.RAW_RIDES))
            .contents()) {
      if (object.key().endsWith(".parquet")) {
        objects.add(new BatchManifest.RawObject(object.key(), etag(object), object.size()));
      }
    }
    return new RawInventory(objects);
  }

  public List<BatchManifest.RawObject> all() {
    return objects;
  }

  /** The objects not consumed yet: new keys, and keys whose content changed since. */
  public List<BatchManifest.RawObject> unprocessed(Map<String, String> consumed) {
    requireNonNull(consumed, "consumed");
    return objects.stream().filter(o -> !o.etag().equals(consumed.get(o.key()))).toList();
  }

  /**
   * The event date a raw key is partitioned under ({@code …/year=2026/month=11/day=24/…} gives
   * {@code 2026-11-24}), or empty for a key outside the layout.
   */
  public static Optional<String> dateOf(String key) {
    Matcher matcher = DAY.matcher(key);
    return matcher.matches()
        ? Optional.of(matcher.group(1) + "-" + matcher.group(2) + "-" + matcher.group(3))
        : Optional.empty();
  }

  private static String etag(S3Object object) {
    String etag = object.eTag() == null ? "" : object.eTag();
    return etag.replace("\"", "");
  }
}
