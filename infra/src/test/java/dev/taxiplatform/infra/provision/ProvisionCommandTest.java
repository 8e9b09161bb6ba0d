package dev.taxiplatform.infra.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.cli.CommandRunner;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.net.PortAllocator;
import dev.taxiplatform.infra.kafka.EmbeddedKafka;
import dev.taxiplatform.infra.s3.EmbeddedS3;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/** {@code platform provision} against a real broker and S3 server: creates, then keeps. */
class ProvisionCommandTest {
  @TempDir Path dataDir;

  @Test
  void createsTheTopicsAndBucketsOnceAndKeepsWhatExists() throws Exception {
    PortAllocator ports = new PortAllocator();
    int s3Port = ports.allocate(24566).port();
    int kafkaPort = ports.allocate(29092).port();
    int controllerPort = ports.allocate(29093).port();
    try (EmbeddedS3 s3 =
            EmbeddedS3.start(dataDir.resolve("s3"), "127.0.0.1", s3Port, "key", "secret");
        EmbeddedKafka kafka =
            EmbeddedKafka.start(
                dataDir.resolve("kafka"),
                EmbeddedKafka.Listener.loopback(kafkaPort),
                controllerPort,
                1);
        S3Client client = new S3Connection(s3.endpoint(), "us-east-1", "key", "secret").client()) {
      String[] args = {
        "--data-dir",
        dataDir.toString(),
        "--set",
        "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--set",
        "kafka.partitions=4",
        "--set",
        "s3.endpoint=" + s3.endpoint(),
        "--set",
        "s3.access-key=key",
        "--set",
        "s3.secret-key=secret"
      };

      assertThat(CommandRunner.run(new ProvisionCommand(), args)).isZero();
      client.putObject(
          b -> b.bucket("platform-raw-data").key("kept.parquet"), RequestBody.fromString("x"));
      assertThat(CommandRunner.run(new ProvisionCommand(), args)).isZero();

      assertThat(client.listBuckets().buckets().stream().map(Bucket::name))
          .containsExactlyInAnyOrder("platform-raw-data", "platform-processed-data");
      assertThat(client.listObjectsV2(b -> b.bucket("platform-raw-data")).contents())
          .singleElement()
          .satisfies(o -> assertThat(o.key()).isEqualTo("kept.parquet"));
      try (Admin admin = new KafkaConnection(kafka.bootstrapServers()).admin("provision-test")) {
        Map<String, Integer> partitions =
            admin
                .describeTopics(List.of("taxi-rides", "taxi-rides-dlq"))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .values()
                .stream()
                .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
        assertThat(partitions)
            .containsExactlyInAnyOrderEntriesOf(Map.of("taxi-rides", 4, "taxi-rides-dlq", 4));
      }
    }
  }

  @Test
  void anUnreachableS3ExitsWithTheInfrastructureCode() {
    int closedPort = new PortAllocator().allocate(25566).port();

    int exit =
        CommandRunner.run(
            new ProvisionCommand(),
            "--data-dir",
            dataDir.toString(),
            "--skip-topics",
            "--set",
            "s3.endpoint=http://127.0.0.1:" + closedPort,
            "--set",
            "s3.access-key=key",
            "--set",
            "s3.secret-key=secret");

    assertThat(exit).isEqualTo(ExitCodes.UNAVAILABLE);
  }
}
