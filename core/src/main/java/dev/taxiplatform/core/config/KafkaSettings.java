package dev.taxiplatform.core.config;

import java.util.List;
import java.util.Optional;

/**
 * Kafka settings. Without {@code bootstrapServers} the platform runs its own embedded broker.
 *
 * @param bootstrapServers an existing cluster to use instead of the embedded broker
 * @param port the embedded broker's client port
 * @param controllerPort the embedded broker's KRaft controller port
 * @param topic the ride events topic
 * @param deadLetterTopic where invalid ride events go
 * @param partitions partitions of the topics the platform creates
 * @param advertisedHost the host the embedded broker tells clients to connect to, when set
 */
public record KafkaSettings(
    Optional<String> bootstrapServers,
    int port,
    int controllerPort,
    String topic,
    String deadLetterTopic,
    int partitions,
    Optional<String> advertisedHost) {
  public static final ConfigKey<String> BOOTSTRAP_SERVERS =
      ConfigKey.builder("kafka.bootstrap-servers", ValueTypes.hostPortList())
          .env("KAFKA_BOOTSTRAP_SERVERS")
          .description("Existing Kafka cluster to use; unset runs the embedded broker.")
          .build();

  public static final ConfigKey<Integer> PORT =
      ConfigKey.builder("kafka.port", ValueTypes.port())
          .env("KAFKA_PORT")
          .defaultValue(9092)
          .description("Client port of the embedded broker (the next free port if taken).")
          .build();

  public static final ConfigKey<Integer> CONTROLLER_PORT =
      ConfigKey.builder("kafka.controller-port", ValueTypes.port())
          .env("KAFKA_CONTROLLER_PORT")
          .defaultValue(9093)
          .description(
              "KRaft controller port of the embedded broker (the next free port if taken).")
          .build();

  public static final ConfigKey<String> TOPIC =
      ConfigKey.builder("kafka.topic", ValueTypes.topicName())
          .env("KAFKA_TOPIC")
          .defaultValue("taxi-rides")
          .description("Topic of ride events.")
          .build();

  public static final ConfigKey<String> DEAD_LETTER_TOPIC =
      ConfigKey.builder("kafka.dead-letter-topic", ValueTypes.topicName())
          .env("KAFKA_DLQ_TOPIC")
          .defaultValue("taxi-rides-dlq")
          .description("Topic of ride events that failed validation, with the reason in headers.")
          .build();

  public static final ConfigKey<Integer> PARTITIONS =
      ConfigKey.builder("kafka.partitions", ValueTypes.integer(1, 1000))
          .env("KAFKA_PARTITIONS")
          .defaultValue(3)
          .description("Partitions of the topics the platform creates.")
          .build();

  public static final ConfigKey<String> ADVERTISED_HOST =
      ConfigKey.builder("kafka.advertised-host", ValueTypes.host())
          .env("KAFKA_ADVERTISED_HOST")
          .description(
              "Host the embedded broker tells clients to connect to (its Service or container"
                  + " name); unset: server.bind-host, which must then not be 0.0.0.0.")
          .build();

  public static final List<ConfigKey<?>> KEYS =
      List.of(
          BOOTSTRAP_SERVERS,
          PORT,
          CONTROLLER_PORT,
          TOPIC,
          DEAD_LETTER_TOPIC,
          PARTITIONS,
          ADVERTISED_HOST);

  static KafkaSettings from(PlatformConfig config) {
    return new KafkaSettings(
        config.find(BOOTSTRAP_SERVERS),
        config.get(PORT),
        config.get(CONTROLLER_PORT),
        config.get(TOPIC),
        config.get(DEAD_LETTER_TOPIC),
        config.get(PARTITIONS),
        config.find(ADVERTISED_HOST));
  }

  /**
   * The host the embedded broker advertises: {@code kafka.advertised-host}, else the bind host.
   *
   * @throws ConfigException when the broker listens on every interface and no advertised host is
   *     set: clients cannot connect to a wildcard address
   */
  public String advertisedHost(ServerSettings server) {
    if (advertisedHost.isPresent()) {
      return advertisedHost.get();
    }
    if (server.bindsEveryInterface()) {
      throw new ConfigException(
          ("Invalid configuration: server.bind-host is %s (every interface) and"
                  + " kafka.advertised-host is unset, so the broker cannot tell clients where to"
                  + " connect. Set kafka.advertised-host (KAFKA_ADVERTISED_HOST) to the name"
                  + " clients reach it by, e.g. the container's or Service's name.")
              .formatted(server.bindHost()));
    }
    return server.bindHost();
  }

  /** True when the platform runs its own broker rather than using an existing cluster. */
  public boolean embedded() {
    return bootstrapServers.isEmpty();
  }
}
