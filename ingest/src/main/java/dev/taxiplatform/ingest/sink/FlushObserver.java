package dev.taxiplatform.ingest.sink;

import java.util.List;

/** Told each time the sink stored a partition's batch and committed its offsets. */
@FunctionalInterface
public interface FlushObserver {
  /**
   * A batch was stored.
   *
   * @param topic the topic
   * @param partition the partition
   * @param keys the S3 keys written
   * @param rows rows written
   * @param committedOffset the offset committed after the files were stored
   * @param storedAtMillis when the last file was stored (wall clock)
   * @param timestamps Kafka timestamps of the rows (only the first {@code rows} are valid)
   */
  void flushed(
      String topic,
      int partition,
      List<String> keys,
      int rows,
      long committedOffset,
      long storedAtMillis,
      long[] timestamps);

  FlushObserver NONE = (topic, partition, keys, rows, committedOffset, storedAtMillis, ts) -> {};
}
