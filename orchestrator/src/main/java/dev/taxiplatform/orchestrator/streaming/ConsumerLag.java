package dev.taxiplatform.orchestrator.streaming;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.connect.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind a topic's end: 0 means it consumed and committed everything.
 */
final class ConsumerLag {
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConnection kafka;
  private final String topic;

  ConsumerLag(KafkaConnection kafka, String topic) {
    this.kafka = requireNonNull(kafka, "kafka");
    this.topic = requireNonNull(topic, "topic");
  }

  /** Records in the topic the group has not committed yet. */
  long of(String group) throws Exception {
    return behind(group, kafka.endOffsets(topic));
  }

  /** Records before {@code ends} (per partition) the group has not committed yet. */
  private long behind(String group, Map<TopicPartition, Long> ends) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed;
    try (Admin admin = kafka.admin("platform-orchestrator-lag")) {
      committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
    }
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      OffsetAndMetadata offset = committed.get(end.getKey());
      lag += Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
    }
    return lag;
  }

  /**
   * Waits until the group has committed every record the topic held when the wait began, calling
   * {@code nudge} after each look that finds it has not. Records produced meanwhile (a producer
   * that keeps running, e.g. the local stack's producer service) are left to the next drain: with a
   * moving end the wait would never finish.
   */
  void awaitDrained(
      String group, Duration timeout, BiConsumer<String, Object[]> log, Runnable nudge)
      throws Exception {
    Map<TopicPartition, Long> ends = kafka.endOffsets(topic);
    Instant deadline = Instant.now().plus(timeout);
    long last = -1;
    while (true) {
      long lag = behind(group, ends);
      if (lag != last) {
        log.accept(
            "consumer group %s is %d record(s) behind where %s ended when the drain began",
            new Object[] {group, lag, topic});
        last = lag;
      }
      if (lag == 0) {
        return;
      }
      nudge.run();
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "consumer group %s is still %d record(s) behind after %s"
                .formatted(group, lag, timeout));
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
