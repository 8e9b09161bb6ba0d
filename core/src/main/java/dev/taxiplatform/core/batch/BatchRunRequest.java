package dev.taxiplatform.core.batch;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A run of the batch job as a batch service is asked for it: the buckets and topic it must serve,
 * and the run's options.
 *
 * @param rawBucket the bucket of raw ride objects
 * @param topic the topic whose raw objects the run processes
 * @param processedBucket the bucket the run writes to
 * @param fullRefresh whether to reprocess every raw object
 * @param onCorrupt what to do with a raw object that is not readable Parquet: {@code skip} or
 *     {@code fail}
 */
public record BatchRunRequest(
    String rawBucket, String topic, String processedBucket, boolean fullRefresh, String onCorrupt) {
  public BatchRunRequest {
    requireNonNull(rawBucket, "rawBucket");
    requireNonNull(topic, "topic");
    requireNonNull(processedBucket, "processedBucket");
    requireNonNull(onCorrupt, "onCorrupt");
  }

  /** The query string of {@code POST /runs}. */
  String query() {
    return "full-refresh="
        + fullRefresh
        + "&raw-bucket="
        + encode(rawBucket)
        + "&topic="
        + encode(topic)
        + "&processed-bucket="
        + encode(processedBucket)
        + "&on-corrupt="
        + encode(onCorrupt);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
