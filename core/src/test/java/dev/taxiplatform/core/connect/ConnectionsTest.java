package dev.taxiplatform.core.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackSecrets;
import dev.taxiplatform.core.stack.StackState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionsTest {
  @TempDir Path workDir;

  private PlatformConfig config(Map<String, String> env) {
    return new ConfigLoader(env, workDir).load(ConfigOverrides.NONE);
  }

  private void runningStack() {
    StackLayout layout = new StackLayout(workDir.resolve(".platform-data"));
    new StackState(
            ProcessHandle.current().pid(),
            StackState.Status.READY,
            Instant.now(),
            "ready",
            List.of(
                service("kafka", "127.0.0.1:19092"),
                service("s3", "http://127.0.0.1:14566"),
                service("postgres", "127.0.0.1:15432")))
        .write(layout);
    StackSecrets.readOrCreate(layout);
  }

  private static ServiceState service(String name, String endpoint) {
    return new ServiceState(
        name, ServiceState.Kind.EMBEDDED, 1, endpoint, ServiceState.Health.HEALTHY, 0, "");
  }

  @Test
  void configuredServersWinOverTheLocalStack() {
    runningStack();
    Connections connections =
        new Connections(
            config(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092",
                    "S3_ENDPOINT", "https://s3.example.com",
                    "AWS_ACCESS_KEY_ID", "id",
                    "AWS_SECRET_ACCESS_KEY", "secret",
                    "WAREHOUSE_HOST", "db",
                    "WAREHOUSE_PASSWORD", "pw")));

    assertThat(connections.kafka()).isEqualTo(new KafkaConnection("kafka-1:9092"));
    assertThat(connections.s3())
        .isEqualTo(
            new S3Connection(URI.create("https://s3.example.com"), "us-east-1", "id", "secret"));
    assertThat(connections.warehouse())
        .isEqualTo(new WarehouseConnection("db", 5432, "warehouse", "platform", "pw"));
    assertThat(connections.warehouse().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/warehouse");
  }

  @Test
  void withoutConfigurationTheRunningStackIsUsedWithItsGeneratedCredentials() {
    runningStack();
    StackSecrets secrets =
        StackSecrets.read(new StackLayout(workDir.resolve(".platform-data"))).orElseThrow();

    Connections connections = new Connections(config(Map.of()));

    assertThat(connections.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(connections.s3())
        .isEqualTo(
            new S3Connection(
                URI.create("http://127.0.0.1:14566"),
                "us-east-1",
                "platform",
                secrets.s3SecretKey()));
    assertThat(connections.warehouse())
        .isEqualTo(
            new WarehouseConnection(
                "127.0.0.1", 15432, "warehouse", "platform", secrets.warehousePassword()));
    assertThat(ConnectionEnvironment.all(connections))
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
        .containsEntry("S3_ENDPOINT", "http://127.0.0.1:14566")
        .containsEntry("PGPORT", "15432")
        .containsEntry("WAREHOUSE_PASSWORD", secrets.warehousePassword());
  }

  @Test
  void theReadOnlyLoginIsTheStacksGeneratedOneOrTheConfiguredOne() {
    runningStack();
    StackSecrets secrets =
        StackSecrets.read(new StackLayout(workDir.resolve(".platform-data"))).orElseThrow();

    assertThat(new Connections(config(Map.of())).warehouseReader())
        .contains(
            new WarehouseConnection(
                "127.0.0.1",
                15432,
                "warehouse",
                "platform_reader",
                secrets.warehouseReaderPassword()));
    assertThat(ConnectionEnvironment.all(new Connections(config(Map.of()))))
        .containsEntry("DASHBOARD_USER", "platform_reader")
        .containsEntry("DASHBOARD_PASSWORD", secrets.warehouseReaderPassword());

    Connections external =
        new Connections(
            config(
                Map.of(
                    "WAREHOUSE_HOST", "db",
                    "WAREHOUSE_PASSWORD", "pw",
                    "DASHBOARD_USER", "analyst",
                    "DASHBOARD_PASSWORD", "reader-pw")));
    assertThat(external.warehouseReader())
        .contains(new WarehouseConnection("db", 5432, "warehouse", "analyst", "reader-pw"));

    Connections externalWithoutReader =
        new Connections(config(Map.of("WAREHOUSE_HOST", "db", "WAREHOUSE_PASSWORD", "pw")));
    assertThat(externalWithoutReader.warehouseReader()).isEmpty();
    assertThat(ConnectionEnvironment.all(externalWithoutReader))
        .doesNotContainKey("DASHBOARD_PASSWORD");
  }

  @Test
  void withNeitherItIsUnavailableWithAHint() {
    Connections connections = new Connections(config(Map.of()));

    assertThatThrownBy(connections::kafka)
        .isInstanceOf(PlatformException.class)
        .satisfies(
            e -> assertThat(((PlatformException) e).exitCode()).isEqualTo(ExitCodes.UNAVAILABLE))
        .hasMessageContaining(
            "Kafka is not configured and no local stack is running for data directory "
                + workDir.resolve(".platform-data"))
        .hasMessageContaining("./platform up --detach")
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(connections::warehouse).hasMessageContaining("WAREHOUSE_HOST");
  }

  @Test
  void secretsNeverAppearInToString() {
    assertThat(new S3Connection(URI.create("http://x"), "r", "id", "top-secret").toString())
        .doesNotContain("top-secret");
    assertThat(new WarehouseConnection("h", 1, "d", "u", "top-secret").toString())
        .doesNotContain("top-secret");
  }
}
