package dev.taxiplatform.ingest;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.ingest.generate.RideStream;
import dev.taxiplatform.ingest.sink.SinkOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A private corner of the shared test stack for one test: its own topics, dead-letter topic, raw
 * bucket and consumer group, so tests never see each other's rides (nor the stack's own sink).
 */
public final class IngestTestKit {
  public static final int PARTITIONS = 3;

  private final LocalStack stack;
  private final String topic;
  private final String deadLetterTopic;
  private final String bucket;
  private final String groupId;

  private IngestTestKit(LocalStack stack, String name) {
    this.stack = requireNonNull(stack, "stack");
    String suffix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.topic = "rides-" + suffix;
    this.deadLetterTopic = "dlq-" + suffix;
    this.bucket = "raw-" + suffix;
    this.groupId = "sink-" + suffix;
  }

  /** Creates the topics and the bucket on the shared test stack. */
  public static IngestTestKit create(String name) throws Exception {
    IngestTestKit kit = new IngestTestKit(LocalStack.shared(), name);
    try (Admin admin = kit.kafka().admin("test-setup")) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(kit.topic, PARTITIONS, (short) 1),
                  new NewTopic(kit.deadLetterTopic, PARTITIONS, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
    // ListOffsets succeeds only once each new partition's leader serves requests; producing before
    // that can meet NotLeaderOrFollower and leave the idempotent producer retrying out of order.
    kit.kafka().endOffsets(kit.topic);
    kit.kafka().endOffsets(kit.deadLetterTopic);
    try (S3Client s3 = kit.s3()) {
      s3.createBucket(b -> b.bucket(kit.bucket));
    }
    return kit;
  }

  public LocalStack stack() {
    return stack;
  }

  public String topic() {
    return topic;
  }

  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  public String bucket() {
    return bucket;
  }

  public String groupId() {
    return groupId;
  }

  public KafkaConnection kafka() {
    return stack.connections().kafka();
  }

  public S3Client s3() {
    return stack.connections().s3().client();
  }

  /** Options of a sink on this kit's topics, bucket and group. */
  public SinkOptions sinkOptions(
      int batchSize, Duration flushInterval, String compression, long maxBufferBytes) {
    return new SinkOptions(
        topic,
        deadLetterTopic,
        bucket,
        batchSize,
        flushInterval,
        groupId,
        compression,
        maxBufferBytes);
  }

  /** The configuration arguments that point a platform command at this kit. */
  public List<String> configArguments(String... settings) {
    List<String> args = new ArrayList<>();
    args.add("--data-dir");
    args.add(stack.dataDir().toString());
    for (String setting :
        List.of(
            "kafka.topic=" + topic,
            "kafka.dead-letter-topic=" + deadLetterTopic,
            "s3.raw-bucket=" + bucket,
            "sink.group-id=" + groupId)) {
      args.add("--set");
      args.add(setting);
    }
    for (String setting : settings) {
      args.add("--set");
      args.add(setting);
    }
    return args;
  }

  /** Publishes {@code count} events of {@code stream}; returns them in publishing order. */
  public List<RideStream.Event> produce(RideStream stream, int count) throws Exception {
    List<RideStream.Event> events = new ArrayList<>(count);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            dev.taxiplatform.ingest.produce.RideProducer.producerProperties(kafka(), "test"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        RideStream.Event event = stream.next();
        events.add(event);
        producer.send(new ProducerRecord<>(topic, event.key(), event.value()));
      }
      producer.flush();
    }
    return events;
  }

  /** Offsets the sink's group committed, summed over the topic's partitions. */
  public long committed() throws Exception {
    try (Admin admin = kafka().admin("test-offsets")) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }

  /** The topic's end offsets, summed over its partitions. */
  public long endOffsets(String topicName) throws Exception {
    return kafka().endOffsets(topicName).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Waits until the sink's group has committed every offset of the topic. */
  public void awaitAllCommitted(Duration timeout) throws Exception {
    long end = endOffsets(topic);
    await(timeout, "all %d offsets committed".formatted(end), () -> committed() == end);
  }

  /** The raw bucket's object keys. */
  public List<String> objectKeys() {
    try (S3Client s3 = s3()) {
      return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
          .map(S3Object::key)
          .sorted()
          .toList();
    }
  }

  /** Downloads every raw object under {@code directory} (same relative paths). */
  public List<String> download(Path directory) throws IOException {
    List<String> keys = objectKeys();
    try (S3Client s3 = s3()) {
      for (String key : keys) {
        Path target = directory.resolve(key);
        Files.createDirectories(target.getParent());
        Files.write(target, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
      }
    }
    return keys;
  }

  /** Every record of one of this kit's topics, read from the beginning. */
  public List<ConsumerRecord<byte[], byte[]>> readRecords(String topicName) {
    Map<String, Object> properties = kafka().clientProperties("test-reader");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topicName, p)).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Timed out reading " + topicName);
        }
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  /** A record's header as UTF-8 text, or null. */
  public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** How many times each ride id is stored in the raw bucket, as DuckDB reads the files. */
  public Map<String, Integer> storedRideIds() throws Exception {
    Path files = Files.createTempDirectory("raw-objects");
    download(files);
    Map<String, Integer> copies = new java.util.HashMap<>();
    try (Connection duck = duckDb();
        java.sql.Statement statement = duck.createStatement();
        java.sql.ResultSet ids =
            statement.executeQuery(
                "SELECT ride_id FROM read_parquet('%s/**/*.parquet')"
                    .formatted(files.resolve(topic)))) {
      while (ids.next()) {
        copies.merge(ids.getString(1), 1, Integer::sum);
      }
    }
    return copies;
  }

  /** An in-memory DuckDB: the independent reader of the Parquet files. */
  public static Connection duckDb() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  /** Starts {@code platform <args>} of the ingest component as a real JVM process. */
  public static Process startIngestProcess(List<String> args, Path log) throws IOException {
    Path home = PlatformHome.locate();
    ComponentDescriptor ingest =
        ComponentCatalog.discover(home)
            .named("ingest")
            .orElseThrow(() -> new AssertionError("the ingest component is not built"));
    ProcessBuilder builder =
        new ComponentLauncher(home).processBuilder(ingest, List.of("-Xmx512m"), args);
    builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("S3_"));
    Files.createDirectories(log.getParent());
    return builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** Polls {@code condition} until it holds. */
  public static void await(Duration timeout, String what, Check condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
  }

  /** A condition that may throw. */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }
}
