package dev.taxiplatform.core.connect;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

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

  /** An admin client; close it after use. */
  public Admin admin(String clientId) {
    Map<String, Object> properties = clientProperties(clientId);
    properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    return Admin.create(properties);
  }
}
