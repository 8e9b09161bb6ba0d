package dev.taxiplatform.core.connect;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How to reach Kafka.
 *
 * @param bootstrapServers comma-separated {@code host:port} pairs
 */
public record KafkaConnection(String bootstrapServers) {
  public KafkaConnection {
    requireNonNull(bootstrapServers, "bootstrapServers");
  }

  /** Client properties every producer, consumer and admin client starts from. */
  public Map<String, Object> clientProperties(String clientId) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return properties;
  }

  /** Each partition's end offset (the offset the next record will get) of a topic. */
  public Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    try (Admin admin = admin("platform-offsets")) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((partition, info) -> ends.put(partition, info.offset()));
      return ends;
    }
  }

  /** An admin client; close it after use. */
  public Admin admin(String clientId) {
    Map<String, Object> properties = clientProperties(clientId);
    properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    return Admin.create(properties);
  }
}
