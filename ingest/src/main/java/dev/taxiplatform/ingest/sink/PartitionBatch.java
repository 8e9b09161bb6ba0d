package dev.taxiplatform.ingest.sink;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.ride.RideEvent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The records of one partition not yet written: a contiguous range of offsets starting right after
 * the last committed one, with one Parquet file per event day, each named by the offset of its
 * first record.
 */
final class PartitionBatch {
  private final TopicPartition partition;
  private final CompressionCodecName codec;
  private final TreeMap<LocalDate, DayFile> files = new TreeMap<>();
  private long firstOffset = -1;
  private long nextOffset = -1;
  private int records;
  private long firstTimestamp;
  private long openedAtMillis;
  private long[] timestamps = new long[1024];
  private int timestampCount;

  PartitionBatch(TopicPartition partition, CompressionCodecName codec) {
    this.partition = requireNonNull(partition, "partition");
    this.codec = requireNonNull(codec, "codec");
  }

  TopicPartition partition() {
    return partition;
  }

  boolean isEmpty() {
    return records == 0;
  }

  /** Records (valid or not) in the batch. */
  int records() {
    return records;
  }

  /** The offset to commit once the batch is stored: one past its last record. */
  long nextOffset() {
    return nextOffset;
  }

  long firstOffset() {
    return firstOffset;
  }

  /** The Kafka timestamp of the batch's first record. */
  long firstTimestamp() {
    return firstTimestamp;
  }

  /** When (wall clock) the batch got its first record. */
  long openedAtMillis() {
    return openedAtMillis;
  }

  /** Counts a record that goes into no file (it was dead-lettered). */
  void skip(long offset, long timestamp, long nowMillis) {
    count(offset, timestamp, nowMillis);
  }

  /** Adds a valid ride to its day's file. */
  void add(long offset, long timestamp, long nowMillis, RideEvent ride, LocalDate day) {
    count(offset, timestamp, nowMillis);
    files.computeIfAbsent(day, d -> new DayFile(d, offset, codec)).write(ride);
    if (timestampCount == timestamps.length) {
      timestamps = Arrays.copyOf(timestamps, timestamps.length * 2);
    }
    timestamps[timestampCount++] = timestamp;
  }

  private void count(long offset, long timestamp, long nowMillis) {
    if (records == 0) {
      firstOffset = offset;
      firstTimestamp = timestamp;
      openedAtMillis = nowMillis;
    }
    records++;
    nextOffset = offset + 1;
  }

  Collection<DayFile> files() {
    return files.values();
  }

  /** Kafka timestamps of the rides in the files, for end-to-end latency. */
  long[] timestamps() {
    return timestamps;
  }

  int timestampCount() {
    return timestampCount;
  }

  long bufferedBytes() {
    long bytes = (long) timestamps.length * Long.BYTES;
    for (DayFile file : files.values()) {
      bytes += file.bufferedBytes();
    }
    return bytes;
  }

  /** Empties the batch after it was stored and committed. */
  void reset() {
    files.clear();
    records = 0;
    firstOffset = -1;
    timestampCount = 0;
    if (timestamps.length > 1 << 20) {
      timestamps = new long[1024];
    }
  }

  /** Drops everything unwritten (the partition was lost). */
  void discard() {
    files.values().forEach(DayFile::discard);
    reset();
  }
}
