package dev.taxiplatform.ingest.sink;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.raw.RawLayout;
import dev.taxiplatform.core.retry.Backoff;
import dev.taxiplatform.core.ride.EventTimeWindow;
import dev.taxiplatform.core.ride.RideValidation;
import dev.taxiplatform.core.ride.RideValidator;
import dev.taxiplatform.core.ride.Violation;
import dev.taxiplatform.core.ride.ViolationReason;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Consumes the rides topic and writes each partition's valid rides to Parquet files in S3, exactly
 * once: a partition's batch is a contiguous run of offsets starting right after the last committed
 * one; its rides go to one file per event day named by the offset of the file's first record; the
 * batch's offsets are committed only after its files (and its dead letters) are stored. A batch
 * closes when it has {@code batchSize} records or when a record's Kafka timestamp is {@code
 * flushInterval} past the batch's first, both decided by the log alone, so a re-delivery after a
 * crash rewrites the very same objects. An idle partition's batch, a batch revoked by a rebalance,
 * the batches at shutdown and the largest batch when memory runs short close early; then a
 * re-delivery overwrites the objects whose first record it holds, which keeps every ride in exactly
 * one object (docs/decisions/0020). Not thread-safe except {@link #stop()}.
 */
public final class RideSink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RideSink.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Backoff S3_BACKOFF =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

  private final SinkOptions options;
  private final S3Client s3;
  private final SinkMetrics metrics;
  private final FlushObserver observer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final DeadLetters deadLetters;
  private final RideValidator validator;
  private final RawObjectWriter writer;
  private final CompressionCodecName codec;
  private final long intervalMillis;
  private final long idleMillis;
  private final Map<TopicPartition, PartitionBatch> batches = new HashMap<>();

  /** Offsets of stored batches whose commit a rebalance interrupted; retried after each poll. */
  private final Map<TopicPartition, OffsetAndMetadata> pendingCommits = new HashMap<>();

  private volatile boolean stopping;
  private volatile boolean flushRequested;
  private volatile long lastLoopMillis = System.currentTimeMillis();
  private volatile String failure;
  private volatile boolean joined;

  /**
   * Called when a batch's objects and dead letters are stored and its offsets not yet committed:
   * the window the exactly-once design depends on. Tests use it to crash a sink there.
   */
  @FunctionalInterface
  public interface StoredBatchHook {
    void beforeCommit(TopicPartition partition, long nextOffset);

    StoredBatchHook NONE = (partition, nextOffset) -> {};
  }

  private final StoredBatchHook storedBatchHook;

  public RideSink(
      SinkOptions options,
      KafkaConnection kafka,
      S3Client s3,
      SinkMetrics metrics,
      FlushObserver observer) {
    this(options, kafka, s3, metrics, observer, StoredBatchHook.NONE);
  }

  public RideSink(
      SinkOptions options,
      KafkaConnection kafka,
      S3Client s3,
      SinkMetrics metrics,
      FlushObserver observer,
      StoredBatchHook storedBatchHook) {
    this.storedBatchHook = requireNonNull(storedBatchHook, "storedBatchHook");
    this.options = requireNonNull(options, "options");
    this.s3 = requireNonNull(s3, "s3");
    this.metrics = requireNonNull(metrics, "metrics");
    this.observer = requireNonNull(observer, "observer");
    this.codec = RideParquet.codec(options.compression());
    this.validator =
        RideValidator.standard(new EventTimeWindow(options.maxFutureSkew(), Clock.systemUTC()));
    this.writer = new RawObjectWriter(s3, options.bucket(), S3_BACKOFF, () -> stopping);
    this.intervalMillis = options.flushInterval().toMillis();
    this.idleMillis = intervalMillis + Math.max(1000, intervalMillis / 10);
    this.consumer =
        new KafkaConsumer<>(
            consumerProperties(kafka, options.groupId()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.deadLetters = new DeadLetters(kafka, options.deadLetterTopic());
  }

  /** The sink's consumer settings (also the benchmark reference's, for a like-for-like read). */
  public static Map<String, Object> consumerProperties(KafkaConnection kafka, String groupId) {
    Map<String, Object> properties = kafka.clientProperties("ride-sink");
    properties.remove(org.apache.kafka.clients.CommonClientConfigs.CLIENT_ID_CONFIG);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
    properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    // A crashed sink's partitions move to the others within seconds, not the default 45 s.
    properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    properties.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    return properties;
  }

  /** Consumes and writes until {@link #stop()}; then writes and commits what it holds. */
  public void run() {
    consumer.subscribe(List.of(options.topic()), new Rebalance());
    try {
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        retryPendingCommits();
        for (TopicPartition partition : records.partitions()) {
          PartitionBatch batch = batch(partition);
          List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(partition);
          for (ConsumerRecord<byte[], byte[]> record : partitionRecords) {
            if (!batch.isEmpty() && record.timestamp() >= batch.firstTimestamp() + intervalMillis) {
              flush(batch);
            }
            if (batches.get(partition) != batch) {
              break; // no longer ours: its next owner reads these records
            }
            accept(batch, record);
            if (batch.records() >= options.batchSize()) {
              flush(batch);
            }
          }
          metrics.consumed(partitionRecords.size());
        }
        flushIdleBatches();
        if (flushRequested) {
          flushRequested = false;
          flushAll();
        }
        keepMemoryBounded();
        metrics.lag(lag());
        lastLoopMillis = System.currentTimeMillis();
      }
    } catch (WakeupException e) {
      if (!stopping) {
        throw e;
      }
    } catch (RuntimeException e) {
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
      throw e;
    }
    flushAll();
    for (int attempt = 0; attempt < 50 && !pendingCommits.isEmpty(); attempt++) {
      // Let an ongoing rebalance finish; records this poll returns are simply read again later.
      try {
        consumer.poll(Duration.ofMillis(100));
      } catch (WakeupException e) {
        // A repeated stop request: this poll was only a pause.
      }
      retryPendingCommits();
      flushAll();
    }
    if (pendingCommits.isEmpty()) {
      LOG.info("Stopped; every record read was written and committed.");
    } else {
      LOG.warn(
          "Stopped with offsets {} stored in S3 but not committed: their records will be read and"
              + " written again, to the same objects.",
          pendingCommits);
    }
    // Leave the group now, not once every sink of the process has stopped: a member that no longer
    // polls keeps a rebalance in progress (one begun by its own late join, say), and the other
    // sinks could not commit their last batches until it left.
    consumer.close();
  }

  /** Asks {@link #run()} to finish: it writes and commits what it holds, then returns. */
  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  /**
   * Asks {@link #run()} to write and commit every batch it holds at its next poll (within {@code
   * POLL}), instead of waiting for the batches' size or interval: what a caller does once it knows
   * no more rides are coming for a while. Early closing keeps exactly-once (docs/decisions/0020).
   */
  public void requestFlush() {
    flushRequested = true;
  }

  /**
   * True once the consumer has joined its group and received its assignment (possibly none, when
   * the group has more consumers than partitions), until it stops or fails.
   */
  public boolean ready() {
    return joined && !stopping && failure == null;
  }

  /** Why the sink is unhealthy, or null. */
  public String problem() {
    if (failure != null) {
      return failure;
    }
    String upload = writer.problem();
    if (upload != null) {
      return upload;
    }
    long silent = System.currentTimeMillis() - lastLoopMillis;
    return silent > 120_000 ? "no progress for %d s".formatted(silent / 1000) : null;
  }

  @Override
  public void close() {
    try {
      consumer.close(); // nothing more when run() has already closed it
    } finally {
      deadLetters.close();
    }
  }

  private PartitionBatch batch(TopicPartition partition) {
    return batches.computeIfAbsent(partition, p -> new PartitionBatch(p, codec));
  }

  private void accept(PartitionBatch batch, ConsumerRecord<byte[], byte[]> record) {
    long now = System.currentTimeMillis();
    Violation violation;
    try {
      RideValidation result = validator.validate(record.value());
      if (result instanceof RideValidation.Valid valid) {
        LocalDate day = LocalDate.ofInstant(valid.eventTime(), ZoneOffset.UTC);
        batch.add(record.offset(), record.timestamp(), now, valid.ride(), day);
        return;
      }
      violation = ((RideValidation.Invalid) result).violation();
    } catch (RuntimeException e) {
      // A record no rule foresaw must not stop the partition: set it aside, keep going.
      LOG.error(
          "{} offset {}: unexpected error; sending the record to {}",
          new TopicPartition(record.topic(), record.partition()),
          record.offset(),
          options.deadLetterTopic(),
          e);
      violation =
          new Violation(
              ViolationReason.UNEXPECTED_ERROR,
              "handling the event failed: %s (report it with the record)".formatted(e));
    }
    deadLetters.send(record, violation);
    metrics.deadLettered(violation.reason());
    batch.skip(record.offset(), record.timestamp(), now);
  }

  private void flushAll() {
    for (PartitionBatch batch : List.copyOf(batches.values())) {
      flush(batch);
    }
  }

  private void flushIdleBatches() {
    long now = System.currentTimeMillis();
    for (PartitionBatch batch : List.copyOf(batches.values())) {
      if (!batch.isEmpty() && now - batch.openedAtMillis() >= idleMillis) {
        flush(batch);
      }
    }
  }

  private void keepMemoryBounded() {
    long total = 0;
    long oldestOpened = 0;
    PartitionBatch largest = null;
    long largestBytes = -1;
    for (PartitionBatch batch : batches.values()) {
      long bytes = batch.bufferedBytes();
      total += bytes;
      if (!batch.isEmpty() && (oldestOpened == 0 || batch.openedAtMillis() < oldestOpened)) {
        oldestOpened = batch.openedAtMillis();
      }
      if (!batch.isEmpty() && bytes > largestBytes) {
        largest = batch;
        largestBytes = bytes;
      }
    }
    if (total > options.maxBufferBytes() && largest != null) {
      LOG.info(
          "Buffered files hold {} MB (sink.max-buffer-mb is {}); writing {} early.",
          total / (1024 * 1024),
          options.maxBufferBytes() / (1024 * 1024),
          largest.partition());
      flush(largest);
      total -= largestBytes;
    }
    metrics.buffered(total);
    metrics.oldestUnflushed(oldestOpened);
  }

  /** Stores the batch's files, then its dead letters, then commits its offsets. */
  private void flush(PartitionBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    TopicPartition partition = batch.partition();
    if (pendingCommits.containsKey(partition)) {
      // The previous batch is stored but not yet committed (retried after each poll): at most one
      // such batch per partition, so this one waits.
      return;
    }
    long started = System.nanoTime();
    List<String> keys = new ArrayList<>();
    int rows = 0;
    long bytes = 0;
    for (DayFile file : batch.files()) {
      byte[] content = file.finish();
      String key =
          RawLayout.key(options.topic(), partition.partition(), file.firstOffset(), file.day());
      writer.put(key, content);
      metrics.stored(file.rows(), content.length);
      keys.add(key);
      rows += file.rows();
      bytes += content.length;
    }
    long storedAt = System.currentTimeMillis();
    deadLetters.flush();
    storedBatchHook.beforeCommit(partition, batch.nextOffset());
    pendingCommits.put(partition, new OffsetAndMetadata(batch.nextOffset()));
    boolean committed = commit(partition);
    metrics.flushed(Duration.ofNanos(System.nanoTime() - started));
    metrics.endToEnd(storedAt, batch.timestamps(), batch.timestampCount());
    observer.flushed(
        options.topic(),
        partition.partition(),
        List.copyOf(keys),
        rows,
        batch.nextOffset(),
        storedAt,
        batch.timestamps());
    LOG.info(
        "{}: offsets {}-{} -> {} file(s), {} rows, {} KB in {} ms; {} {}",
        partition,
        batch.firstOffset(),
        batch.nextOffset() - 1,
        keys.size(),
        rows,
        bytes / 1024,
        (System.nanoTime() - started) / 1_000_000,
        committed ? "committed" : "will commit (rebalance in progress)",
        batch.nextOffset());
    batch.reset();
  }

  /**
   * Commits the partition's pending offset. False while a rebalance is in progress (retried after
   * the next poll). If the partition is no longer ours, the pending offset is dropped: its next
   * owner reads those records again and writes the same objects.
   */
  private boolean commit(TopicPartition partition) {
    OffsetAndMetadata offset = pendingCommits.get(partition);
    if (offset == null) {
      return true;
    }
    try {
      consumer.commitSync(Map.of(partition, offset));
      pendingCommits.remove(partition);
      return true;
    } catch (WakeupException e) {
      if (!stopping) {
        throw e;
      }
      // stop() woke the consumer while it was here rather than in poll: the wake-up is used up,
      // and the batch is stored, so commit it now.
      return commit(partition);
    } catch (RebalanceInProgressException e) {
      LOG.debug("Commit of {} at {} waits for a rebalance", partition, offset.offset());
      return false;
    } catch (RetriableException e) {
      // E.g. a commit timeout while the group coordinator is unreachable: the objects are stored,
      // so the commit is simply retried after the next poll.
      LOG.warn(
          "Commit of {} at {} failed ({}); retrying after the next poll.",
          partition,
          offset.offset(),
          e.getMessage());
      return false;
    } catch (CommitFailedException e) {
      LOG.warn(
          "{} is no longer assigned to this sink; its next owner writes offsets from {} again.",
          partition,
          offset.offset());
      pendingCommits.remove(partition);
      PartitionBatch batch = batches.remove(partition);
      if (batch != null) {
        batch.discard();
      }
      return false;
    }
  }

  private void retryPendingCommits() {
    for (TopicPartition partition : List.copyOf(pendingCommits.keySet())) {
      if (consumer.assignment().contains(partition)) {
        commit(partition);
      } else {
        pendingCommits.remove(partition);
      }
    }
  }

  private long lag() {
    long total = 0;
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(partition);
      if (lag.isPresent()) {
        total += lag.getAsLong();
      }
    }
    return total;
  }

  /** Writes and commits revoked partitions; drops lost ones (their records come again). */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        commit(partition);
        PartitionBatch batch = batches.get(partition);
        if (batch != null) {
          flush(batch);
          commit(partition);
          batches.remove(partition);
          batch.discard(); // empty unless its flush had to wait: then its next owner rewrites it
        }
        pendingCommits.remove(partition);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        pendingCommits.remove(partition);
        PartitionBatch batch = batches.remove(partition);
        if (batch != null) {
          batch.discard();
        }
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      joined = true;
      for (TopicPartition partition : partitions) {
        batch(partition);
      }
      if (!partitions.isEmpty()) {
        LOG.info("Assigned {}", partitions);
      }
    }
  }
}
