package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.processed.BatchManifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The raw ride objects in the raw bucket, and which of them a run has to process. */
public final class RawInventory {
  private final List<BatchManifest.RawObject> objects;

  RawInventory(List<BatchManifest.RawObject> objects) {
    this.objects =
        objects.stream().sorted(Comparator.comparing(BatchManifest.RawObject::key)).toList();
  }

  /** Lists the Parquet objects under {@code prefix} (a topic's raw prefix) in {@code bucket}. */
  public static RawInventory list(S3Client s3, String bucket, String prefix) {
    List<BatchManifest.RawObject> objects = new ArrayList<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
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

  private static String etag(S3Object object) {
    String etag = object.eTag() == null ? "" : object.eTag();
    return etag.replace("\"", "");
  }
}
