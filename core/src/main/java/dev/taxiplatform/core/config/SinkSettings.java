package dev.taxiplatform.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the Kafka to S3 sink ({@code platform sink}).
 *
 * @param batchSize records of one partition after which the sink writes its files
 * @param flushInterval the longest a partition's records wait before they are written
 * @param groupId the consumer group the sink processes share
 * @param compression the Parquet compression codec
 * @param maxBufferMb memory for buffered (not yet written) files, across all partitions
 * @param metricsPort port of the sink's metrics and health endpoint when run by hand
 * @param consumers consumers (threads) per sink process
 * @param maxFutureSkew how far ahead of the sink's clock an event may be dated
 */
public record SinkSettings(
    int batchSize,
    Duration flushInterval,
    String groupId,
    String compression,
    int maxBufferMb,
    int metricsPort,
    int consumers,
    Duration maxFutureSkew) {
  public static final ConfigKey<Integer> BATCH_SIZE =
      ConfigKey.builder("sink.batch-size", ValueTypes.integer(1, 10_000_000))
          .env("BATCH_SIZE")
          .defaultValue(100_000)
          .description(
              "Records of one partition after which the sink writes its Parquet files (one per"
                  + " partition and event day).")
          .build();

  public static final ConfigKey<Duration> FLUSH_INTERVAL =
      ConfigKey.builder("sink.flush-interval", ValueTypes.duration("s"))
          .env("FLUSH_INTERVAL_SECONDS")
          .defaultValue(Duration.ofSeconds(10))
          .description(
              "The longest records wait in the sink before they are written (a bare number means"
                  + " seconds); part of the marts' freshness in continuous mode.")
          .build();

  public static final ConfigKey<String> GROUP_ID =
      ConfigKey.builder("sink.group-id", ValueTypes.text())
          .env("SINK_GROUP_ID")
          .defaultValue("taxi-rides-sink")
          .description("Consumer group of the sink; sink processes in one group share partitions.")
          .build();

  public static final ConfigKey<String> COMPRESSION =
      ConfigKey.builder("sink.compression", ValueTypes.choice("zstd", "snappy", "gzip", "none"))
          .env("SINK_COMPRESSION")
          .defaultValue("zstd")
          .description("Compression of the raw Parquet files: zstd, snappy, gzip or none.")
          .build();

  public static final ConfigKey<Integer> MAX_BUFFER_MB =
      ConfigKey.builder("sink.max-buffer-mb", ValueTypes.integer(8, 65_536))
          .env("SINK_MAX_BUFFER_MB")
          .defaultValue(256)
          .description(
              "Memory (MB) for files not yet written, across all partitions; past it the largest"
                  + " batch is written early.")
          .build();

  public static final ConfigKey<Integer> METRICS_PORT =
      ConfigKey.builder("sink.metrics-port", ValueTypes.port())
          .env("SINK_METRICS_PORT")
          .defaultValue(9464)
          .description(
              "Port of the sink's /metrics and /health when run by hand (a free port if taken).")
          .build();

  public static final ConfigKey<Integer> CONSUMERS =
      ConfigKey.builder("sink.consumers", ValueTypes.integer(1, 64))
          .env("SINK_CONSUMERS")
          .defaultValue(2)
          .description(
              "Consumers (threads) per sink process, each with its own share of the partitions.")
          .build();

  public static final ConfigKey<Duration> MAX_FUTURE_SKEW =
      ConfigKey.builder("sink.max-future-skew", ValueTypes.duration("h"))
          .env("SINK_MAX_FUTURE_SKEW")
          .defaultValue(Duration.ofDays(1))
          .description(
              "How far ahead of the sink's clock a ride's event_timestamp may be (a bare number"
                  + " means hours); later rides, and rides before 2000, go to the dead-letter"
                  + " topic.")
          .build();

  public static final List<ConfigKey<?>> KEYS =
      List.of(
          BATCH_SIZE,
          FLUSH_INTERVAL,
          GROUP_ID,
          COMPRESSION,
          MAX_BUFFER_MB,
          METRICS_PORT,
          CONSUMERS,
          MAX_FUTURE_SKEW);

  static SinkSettings from(PlatformConfig config) {
    return new SinkSettings(
        config.get(BATCH_SIZE),
        config.get(FLUSH_INTERVAL),
        config.get(GROUP_ID),
        config.get(COMPRESSION),
        config.get(MAX_BUFFER_MB),
        config.get(METRICS_PORT),
        config.get(CONSUMERS),
        config.get(MAX_FUTURE_SKEW));
  }
}
