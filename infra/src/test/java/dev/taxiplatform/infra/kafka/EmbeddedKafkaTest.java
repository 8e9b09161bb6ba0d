package dev.taxiplatform.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.net.PortAllocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  private static final String TOPIC = "rides-test";

  @TempDir Path dataDir;

  @Test
  void producesAndConsumesOverTheKafkaProtocolAndKeepsRecordsAcrossRestart() throws Exception {
    PortAllocator ports = new PortAllocator();
    int port = ports.allocate(19092).port();
    int controllerPort = ports.allocate(19192).port();

    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(dataDir, EmbeddedKafka.Listener.loopback(port), controllerPort, 3)) {
      KafkaConnection connection = new KafkaConnection(kafka.bootstrapServers());
      try (Admin admin = connection.admin("test-admin")) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        assertThat(admin.listTopics().names().get()).contains(TOPIC);
      }
      produce(connection, 100);
      assertThat(consumeAll(connection, 100)).hasSize(100);
    }

    // A second start on the same data directory: no re-format, same records.
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(dataDir, EmbeddedKafka.Listener.loopback(port), controllerPort, 3)) {
      KafkaConnection connection = new KafkaConnection(kafka.bootstrapServers());
      List<ConsumerRecord<String, String>> records = consumeAll(connection, 100);
      assertThat(records).hasSize(100);
      assertThat(
              records.stream()
                  .map(ConsumerRecord::value)
                  .collect(java.util.stream.Collectors.toSet()))
          .hasSize(100)
          .contains("ride-0", "ride-99");
      assertThat(records)
          .allSatisfy(
              r -> assertThat(r.value()).isEqualTo("ride-" + r.key().substring("zone-".length())));
    }
  }

  private static void produce(KafkaConnection connection, int count) throws Exception {
    Map<String, Object> properties = connection.clientProperties("test-producer");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(TOPIC, "zone-" + i, "ride-" + i)).get();
      }
    }
  }

  private static List<ConsumerRecord<String, String>> consumeAll(
      KafkaConnection connection, int expected) {
    Map<String, Object> properties = connection.clientProperties("test-consumer");
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }
}
