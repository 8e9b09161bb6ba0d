package dev.taxiplatform.ingest.sink;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.ride.EventTimeWindow;
import java.time.Duration;

/**
 * What the sink reads and writes.
 *
 * @param topic the rides topic
 * @param deadLetterTopic where invalid records go
 * @param bucket the raw bucket
 * @param batchSize records of one partition after which its files are written
 * @param flushInterval the longest records wait before they are written
 * @param groupId the consumer group
 * @param compression the Parquet codec ({@code zstd}, {@code snappy}, {@code gzip}, {@code none})
 * @param maxBufferBytes memory for unwritten files across partitions
 * @param maxFutureSkew how far ahead of now an event may be dated
 */
public record SinkOptions(
    String topic,
    String deadLetterTopic,
    String bucket,
    int batchSize,
    Duration flushInterval,
    String groupId,
    String compression,
    long maxBufferBytes,
    Duration maxFutureSkew) {
  public SinkOptions {
    requireNonNull(maxFutureSkew, "maxFutureSkew");
    requireNonNull(topic, "topic");
    requireNonNull(deadLetterTopic, "deadLetterTopic");
    requireNonNull(bucket, "bucket");
    requireNonNull(flushInterval, "flushInterval");
    requireNonNull(groupId, "groupId");
    requireNonNull(compression, "compression");
  }

  /** Options with the default future skew of event times. */
  public SinkOptions(
      String topic,
      String deadLetterTopic,
      String bucket,
      int batchSize,
      Duration flushInterval,
      String groupId,
      String compression,
      long maxBufferBytes) {
    this(
        topic,
        deadLetterTopic,
        bucket,
        batchSize,
        flushInterval,
        groupId,
        compression,
        maxBufferBytes,
        EventTimeWindow.DEFAULT_MAX_FUTURE_SKEW);
  }

  /** The sink's options from the platform's configuration. */
  public static SinkOptions from(PlatformConfig config) {
    return new SinkOptions(
        config.kafka().topic(),
        config.kafka().deadLetterTopic(),
        config.s3().rawBucket(),
        config.sink().batchSize(),
        config.sink().flushInterval(),
        config.sink().groupId(),
        config.sink().compression(),
        config.sink().maxBufferMb() * 1024L * 1024L,
        config.sink().maxFutureSkew());
  }
}
