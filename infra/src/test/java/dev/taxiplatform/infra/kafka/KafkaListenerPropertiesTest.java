package dev.taxiplatform.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaListenerPropertiesTest {
  private static final Path DATA = Path.of("/data/kafka");

  @Test
  void loopbackListensAndAdvertisesOnLoopback() {
    Properties p =
        EmbeddedKafka.serverProperties(DATA, EmbeddedKafka.Listener.loopback(9092), 9093, 3);

    assertThat(p.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
    assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
  }

  @Test
  void everyInterfaceIsAdvertisedUnderTheClientsHostAndTheControllerStaysOnLoopback() {
    Properties p =
        EmbeddedKafka.serverProperties(
            DATA, new EmbeddedKafka.Listener("0.0.0.0", "kafka", 19092), 19093, 3);

    assertThat(p.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://0.0.0.0:19092,CONTROLLER://127.0.0.1:19093");
    assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://kafka:19092");
    assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
  }

  @Test
  void ipv6HostsAreBracketed() {
    Properties p =
        EmbeddedKafka.serverProperties(
            DATA, new EmbeddedKafka.Listener("::", "fd00::5", 9092), 9093, 3);

    assertThat(p.getProperty("listeners")).startsWith("PLAINTEXT://[::]:9092,");
    assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://[fd00::5]:9092");
  }
}
