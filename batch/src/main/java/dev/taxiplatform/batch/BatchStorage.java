package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.batch.BatchRunRequest;
import dev.taxiplatform.core.raw.RawLayout;

/**
 * Where a batch run reads and writes.
 *
 * @param rawBucket the bucket of raw ride objects
 * @param rawTopic the topic whose raw objects it processes ({@code kafka.topic}): they lie under
 *     the topic's prefix in the raw bucket
 * @param processedBucket the bucket of processed rides, quarantine, aggregates and manifests
 */
public record BatchStorage(String rawBucket, String rawTopic, String processedBucket) {
  public BatchStorage {
    requireNonNull(rawBucket, "rawBucket");
    requireNonNull(rawTopic, "rawTopic");
    requireNonNull(processedBucket, "processedBucket");
  }

  /** The prefix of the raw objects in the raw bucket. */
  public String rawPrefix() {
    return RawLayout.topicPrefix(rawTopic);
  }

  /** A run over this storage as a batch service is asked for it. */
  public BatchRunRequest request(boolean fullRefresh, String onCorrupt) {
    return new BatchRunRequest(rawBucket, rawTopic, processedBucket, fullRefresh, onCorrupt);
  }
}
