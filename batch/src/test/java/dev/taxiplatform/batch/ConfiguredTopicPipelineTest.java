package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.config.KafkaSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.raw.RawLayout;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The raw layout end to end with a topic other than the default, {@code kafka.topic=nyc-rides} on a
 * real stack: the producer publishes to it, the stack's sink writes its raw objects under its name,
 * {@code platform batch} reads exactly those and {@code platform load} stages what it wrote. Every
 * stage holds the same rides, and nothing appears under the default topic's prefix.
 */
class ConfiguredTopicPipelineTest {
  private static final String TOPIC = "nyc-rides";
  private static final int RIDES = 1500;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  @Test
  void everyStageHoldsTheProducedRidesOfTheConfiguredTopic() throws Exception {
    String defaultTopic = KafkaSettings.TOPIC.defaultValue().orElseThrow();
    assertThat(defaultTopic).isNotEqualTo(TOPIC);
    Path dataDir = directory.resolve("stack");
    String[] topic = {"--data-dir", dataDir.toString(), "--set", "kafka.topic=" + TOPIC};

    try (LocalStack stack =
        LocalStack.start(
            dataDir, "--set", "kafka.topic=" + TOPIC, "--set", "sink.flush-interval=2s")) {
      PlatformCli cli = stack.cli();
      Connections connections = stack.connections();
      PlatformConfig config = stack.config();

      PlatformCli.Result produced =
          cli.run(
              concat(
                  new String[] {
                    "produce",
                    "--count",
                    Integer.toString(RIDES),
                    "--rate",
                    "max",
                    "--start",
                    "2026-10-05T12:00:00Z",
                    "--speedup",
                    "300",
                    "--seed",
                    "14"
                  },
                  topic));
      assertThat(produced.exitCode()).as(produced.toString()).isZero();
      assertThat(endOffsetSum(connections, TOPIC)).as("events in " + TOPIC).isEqualTo(RIDES);

      Set<String> raw;
      try (S3Client s3 = connections.s3().client()) {
        raw = awaitRawRides(s3, config.s3().rawBucket());
        assertThat(keys(s3, config.s3().rawBucket(), RawLayout.topicPrefix(defaultTopic)))
            .as("raw objects under the default topic's prefix")
            .isEmpty();
        assertThat(keys(s3, config.s3().rawBucket(), ""))
            .as("every raw object")
            .isNotEmpty()
            .allSatisfy(key -> assertThat(key).startsWith(RawLayout.topicPrefix(TOPIC)));
      }
      assertThat(raw).hasSize(RIDES);

      Path batchSummary = directory.resolve("batch.json");
      PlatformCli.Result batch =
          cli.run(
              Duration.ofMinutes(10),
              concat(new String[] {"batch", "--summary-json", batchSummary.toString()}, topic));
      assertThat(batch.exitCode()).as(batch.toString()).isZero();
      JsonNode batchMetrics = JSON.readTree(batchSummary.toFile()).get("metrics");
      assertThat(batchMetrics.get("taxi_batch_raw_rows_read_total").asLong()).isEqualTo(RIDES);
      assertThat(batchMetrics.get("taxi_batch_rows_quarantined_total").asLong()).isZero();
      assertThat(batchMetrics.get("taxi_batch_rides_written_total").asLong()).isEqualTo(RIDES);
      try (S3Client s3 = connections.s3().client();
          ProcessedData processed = ProcessedData.download(s3, config.s3().processedBucket())) {
        assertThat(processed.rides().keySet()).as("processed rides").isEqualTo(raw);
      }

      Path loadSummary = directory.resolve("load.json");
      PlatformCli.Result load =
          cli.run(concat(new String[] {"load", "--summary-json", loadSummary.toString()}, topic));
      assertThat(load.exitCode()).as(load.toString()).isZero();
      assertThat(
              JSON.readTree(loadSummary.toFile())
                  .at("/metrics/taxi_loader_rows_inserted_total")
                  .asLong())
          .isEqualTo(RIDES);
      assertThat(stagedRideIds(connections)).as("staged rides").isEqualTo(raw);
    }
  }

  private static long endOffsetSum(Connections connections, String topic) throws Exception {
    return connections.kafka().endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The ride ids in the configured topic's raw objects, once the sink has written them all. */
  private Set<String> awaitRawRides(S3Client s3, String bucket) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      List<String> rides = rawRideIds(s3, bucket);
      if (rides.size() >= RIDES || System.nanoTime() > deadline) {
        assertThat(rides).as("raw rows (each ride once)").hasSize(RIDES).doesNotHaveDuplicates();
        return new TreeSet<>(rides);
      }
      Thread.sleep(1000);
    }
  }

  /** Every row's ride id in the raw objects under the configured topic's prefix, read by DuckDB. */
  private List<String> rawRideIds(S3Client s3, String bucket) throws Exception {
    Path local = Files.createTempDirectory(directory, "raw");
    List<String> keys = keys(s3, bucket, RawLayout.topicPrefix(TOPIC));
    if (keys.isEmpty()) {
      return List.of();
    }
    for (String key : keys) {
      Path file = local.resolve(key);
      Files.createDirectories(file.getParent());
      try {
        s3.getObject(b -> b.bucket(bucket).key(key), file);
      } catch (NoSuchKeyException e) {
        // Listed, then not found: the sink's writes are still landing; read all again later.
        return List.of();
      }
    }
    List<String> ids = new ArrayList<>();
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT ride_id FROM read_parquet('%s/**/*.parquet', hive_partitioning = false)"
                    .formatted(local))) {
      while (result.next()) {
        ids.add(result.getString(1));
      }
    }
    return ids;
  }

  private static List<String> keys(S3Client s3, String bucket, String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  private static Set<String> stagedRideIds(Connections connections) throws Exception {
    Set<String> ids = new TreeSet<>();
    try (Connection connection = connections.warehouse().open();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT ride_id FROM staging.stg_rides")) {
      while (result.next()) {
        ids.add(result.getString(1));
      }
    }
    return ids;
  }

  private static String[] concat(String[] first, String[] second) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(second));
    return all.toArray(String[]::new);
  }
}
