package dev.taxiplatform.orchestrator.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.testing.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The drain against a real broker while a producer keeps producing (as the local stack's producer
 * service does): it finishes once the group has committed what the topic held when it began.
 */
class ConsumerLagTest {
  private final KafkaConnection kafka = LocalStack.shared().connections().kafka();
  private final String topic = "drain-" + UUID.randomUUID();
  private final String group = "drain-group-" + UUID.randomUUID();
  private final TopicPartition partition = new TopicPartition(topic, 0);

  @Test
  void theDrainFinishesWhileAProducerKeepsProducing() throws Exception {
    try (Admin admin = kafka.admin("drain-test")) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      try (KafkaProducer<String, String> producer = producer()) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>(topic, "k", "ride-" + i)).get();
        }
        AtomicBoolean producing = new AtomicBoolean(true);
        List<Long> committed = new ArrayList<>();
        // The running producer, and a sink that commits, every 300 ms, what it saw 300 ms ago:
        // never at the topic's end while the producer runs.
        Thread background =
            new Thread(
                () -> {
                  long seen = 0;
                  try {
                    while (producing.get()) {
                      producer.send(new ProducerRecord<>(topic, "k", "more")).get();
                      commit(admin, seen);
                      synchronized (committed) {
                        committed.add(seen);
                      }
                      seen = kafka.endOffsets(topic).get(partition) - 1;
                      Thread.sleep(300);
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        background.start();
        try {
          List<String> log = new ArrayList<>();
          new ConsumerLag(kafka, topic)
              .awaitDrained(
                  group,
                  Duration.ofSeconds(60),
                  (format, args) -> log.add(format.formatted(args)),
                  () -> {});

          long endAfter = kafka.endOffsets(topic).get(partition);
          assertThat(committedOffset(admin)).isGreaterThanOrEqualTo(10);
          assertThat(endAfter).isGreaterThan(committedOffset(admin));
          assertThat(log.get(0))
              .startsWith("consumer group " + group + " is ")
              .endsWith(" record(s) behind where " + topic + " ended when the drain began");
          assertThat(log.get(log.size() - 1))
              .isEqualTo(
                  "consumer group %s is 0 record(s) behind where %s ended when the drain began"
                      .formatted(group, topic));
        } finally {
          producing.set(false);
          background.join();
        }
        // The moving end was never reached: the group stayed behind it throughout.
        assertThat(new ConsumerLag(kafka, topic).of(group)).isPositive();
      }
    }
  }

  private void commit(Admin admin, long offset) throws Exception {
    admin
        .alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  private long committedOffset(Admin admin) throws Exception {
    OffsetAndMetadata offset =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS)
            .get(partition);
    return offset == null ? 0 : offset.offset();
  }

  private KafkaProducer<String, String> producer() {
    Map<String, Object> properties = new HashMap<>(kafka.clientProperties("drain-test-producer"));
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
  }
}
