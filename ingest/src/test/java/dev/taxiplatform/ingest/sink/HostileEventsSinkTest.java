package dev.taxiplatform.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taxiplatform.core.ride.RideField;
import dev.taxiplatform.core.ride.RideValidation;
import dev.taxiplatform.core.ride.RideValidator;
import dev.taxiplatform.ingest.IngestTestKit;
import dev.taxiplatform.ingest.generate.EventClock;
import dev.taxiplatform.ingest.generate.RideStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hostile input through the real sink: named poison records (each once made a sink stop for good)
 * and thousands of generated ones (random types, huge and tiny numbers, control characters, extreme
 * dates, broken JSON). The sink never stops, and every event ends exactly once either in S3 or in
 * the dead-letter topic, there with the reason the contract's validator gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileEventsSinkTest {
  private static final int VALID_BEFORE = 200;
  private static final int GENERATED = 3_000;
  private static final int VALID_AFTER = 200;
  private static final long SEED = 20_261_204;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private IngestTestKit kit;
  private RideValidator validator;
  private final List<Sent> sent = new ArrayList<>();
  private final Map<String, String> poisonReasons = new LinkedHashMap<>();
  private final List<String> validAfterIds = new ArrayList<>();
  private SinkMetrics metrics;
  private String problemAtEnd;
  private boolean sinkThreadEnded;
  private Set<String> storedIds;
  private int storedRows;
  private List<ConsumerRecord<byte[], byte[]>> deadLetters;

  /** One record as published: where it landed and what the validator says of it. */
  private record Sent(int partition, long offset, byte[] value, String verdict) {}

  /** One record handed to the producer, its acknowledgement still to come. */
  private record Publishing(Future<RecordMetadata> metadata, byte[] value, String verdict) {}

  private final List<Publishing> publishings = new ArrayList<>();

  @BeforeAll
  void publishHostileEventsAndRunTheSink() throws Exception {
    kit = IngestTestKit.create("hostile");
    validator = RideValidator.standard();
    Instant start = Instant.now().minus(2, ChronoUnit.HOURS);
    RideStream rides = new RideStream(SEED, EventClock.simulated(start, 10, SEED), 0);
    Random random = new Random(SEED);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            dev.taxiplatform.ingest.produce.RideProducer.producerProperties(kit.kafka(), "test"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < VALID_BEFORE; i++) {
        send(producer, rides.next().value());
      }
      for (Map.Entry<String, Poison> poison : poisons().entrySet()) {
        ObjectNode event = (ObjectNode) JSON.readTree(rides.next().value());
        poison.getValue().apply(event);
        poisonReasons.put(poison.getKey(), send(producer, JSON.writeValueAsBytes(event)));
      }
      for (int i = 0; i < GENERATED; i++) {
        send(producer, hostile(rides.next().value(), random));
      }
      for (int i = 0; i < VALID_AFTER; i++) {
        RideStream.Event event = rides.next();
        validAfterIds.add(event.ride().rideId());
        send(producer, event.value());
      }
      producer.flush();
      for (Publishing publishing : publishings) {
        RecordMetadata metadata = publishing.metadata().get();
        sent.add(
            new Sent(
                metadata.partition(), metadata.offset(), publishing.value(), publishing.verdict()));
      }
    }

    metrics = new SinkMetrics(new SimpleMeterRegistry());
    SinkOptions options = kit.sinkOptions(1_000, Duration.ofSeconds(2), "zstd", 64L * 1024 * 1024);
    try (S3Client s3 = kit.s3();
        RideSink sink = new RideSink(options, kit.kafka(), s3, metrics, FlushObserver.NONE)) {
      Thread runner = new Thread(sink::run, "test-sink");
      runner.start();
      kit.awaitAllCommitted(Duration.ofMinutes(3));
      problemAtEnd = sink.problem();
      sinkThreadEnded = !runner.isAlive();
      sink.stop();
      runner.join(TimeUnit.MINUTES.toMillis(1));
    }
    Map<String, Integer> stored = kit.storedRideIds();
    storedIds = stored.keySet();
    storedRows = stored.values().stream().mapToInt(Integer::intValue).sum();
    deadLetters = kit.readRecords(kit.deadLetterTopic());
  }

  @Test
  void namedPoisonInputsAreDeadLetteredWithTheirReasonAndLaterRidesArrive() {
    assertThat(poisonReasons)
        .containsExactly(
            Map.entry("timestamp in the year 1000000000", "timestamp_out_of_range"),
            Map.entry("timestamp in the year -1000000000", "timestamp_out_of_range"),
            Map.entry("timestamp in 2098", "timestamp_out_of_range"),
            Map.entry("timestamp in 1999", "timestamp_out_of_range"),
            Map.entry("ride_id with NUL", "invalid_ride_id"),
            Map.entry("ride_id of 3,012 characters", "invalid_ride_id"),
            Map.entry("pickup zone 3000000000", "unknown_zone"),
            Map.entry("passenger_count 9999999999", "invalid_passenger_count"));
    Map<String, String> reasonByValue = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
      reasonByValue.put(
          new String(letter.value(), StandardCharsets.UTF_8),
          IngestTestKit.header(letter, "error.reason"));
    }
    List<Sent> poisons = sent.subList(VALID_BEFORE, VALID_BEFORE + poisonReasons.size());
    for (Sent poison : poisons) {
      assertThat(reasonByValue.get(new String(poison.value(), StandardCharsets.UTF_8)))
          .isEqualTo(poison.verdict());
    }
    assertThat(storedIds).containsAll(validAfterIds);
    assertThat(problemAtEnd).isNull();
    assertThat(sinkThreadEnded).isFalse();
  }

  @Test
  void everyEventEndsInS3OrTheDeadLetterTopicExactlyOnce() {
    int valid = (int) sent.stream().filter(s -> s.verdict() == null).count();
    int invalid = sent.size() - valid;
    // The generator hits both sides hard.
    assertThat(valid).isGreaterThan(VALID_BEFORE + VALID_AFTER + 200);
    assertThat(invalid).isGreaterThan(GENERATED / 2);

    Map<String, Sent> byOrigin = new HashMap<>();
    sent.forEach(s -> byOrigin.put(s.partition() + "/" + s.offset(), s));
    Set<String> lettered = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
      String origin =
          IngestTestKit.header(letter, "source.partition")
              + "/"
              + IngestTestKit.header(letter, "source.offset");
      assertThat(lettered.add(origin)).as("one dead letter for %s", origin).isTrue();
      Sent source = byOrigin.get(origin);
      assertThat(source).as("dead letter %s", origin).isNotNull();
      assertThat(letter.value()).isEqualTo(source.value());
      assertThat(IngestTestKit.header(letter, "error.reason")).isEqualTo(source.verdict());
      assertThat(IngestTestKit.header(letter, "error.message")).isNotBlank();
    }
    assertThat(deadLetters).hasSize(invalid);

    Set<String> expectedIds = new HashSet<>();
    for (Sent s : sent) {
      if (s.verdict() == null) {
        RideValidation.Valid ok = (RideValidation.Valid) validator.validate(s.value());
        expectedIds.add(ok.ride().rideId());
      }
    }
    assertThat(storedRows).isEqualTo(valid);
    assertThat(storedIds).isEqualTo(expectedIds);
    assertThat(metrics.recordsWritten()).isEqualTo(valid);
    assertThat(metrics.recordsDeadLettered()).isEqualTo(invalid);
    assertThat(problemAtEnd).isNull();
  }

  /**
   * Publishes {@code value} without waiting for its acknowledgement (where it landed is read after
   * the producer's flush); returns the validator's reason code for it, null when it is valid.
   */
  private String send(KafkaProducer<byte[], byte[]> producer, byte[] value) {
    RideValidation validation = validator.validate(value);
    String verdict =
        validation instanceof RideValidation.Invalid invalid
            ? invalid.violation().reason().code()
            : null;
    publishings.add(
        new Publishing(producer.send(new ProducerRecord<>(kit.topic(), value)), value, verdict));
    return verdict;
  }

  @FunctionalInterface
  private interface Poison {
    void apply(ObjectNode event);
  }

  private static Map<String, Poison> poisons() {
    Map<String, Poison> poisons = new LinkedHashMap<>();
    poisons.put(
        "timestamp in the year 1000000000",
        e -> e.put("event_timestamp", "+1000000000-06-01T00:00:00Z"));
    poisons.put(
        "timestamp in the year -1000000000",
        e -> e.put("event_timestamp", "-1000000000-01-01T00:00:00Z"));
    poisons.put("timestamp in 2098", e -> e.put("event_timestamp", "2098-06-01T12:00:00Z"));
    poisons.put("timestamp in 1999", e -> e.put("event_timestamp", "1999-12-31T23:59:59Z"));
    poisons.put("ride_id with NUL", e -> e.put("ride_id", "a\u0000b"));
    poisons.put("ride_id of 3,012 characters", e -> e.put("ride_id", "r".repeat(3_012)));
    poisons.put("pickup zone 3000000000", e -> e.put("pickup_zone_id", 3_000_000_000L));
    poisons.put("passenger_count 9999999999", e -> e.put("passenger_count", 9_999_999_999L));
    return poisons;
  }

  /** A valid event made hostile in one of many ways (a few stay valid). */
  private static byte[] hostile(byte[] valid, Random random) throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree(valid);
    List<RideField> fields = RideField.ALL;
    RideField field = fields.get(random.nextInt(fields.size()));
    switch (random.nextInt(12)) {
      case 0 -> event.set(field.jsonName(), randomValue(random));
      case 1 -> event.set(field.jsonName(), extremeNumber(random));
      case 2 -> event.put(field.jsonName(), controlText(random));
      case 3 -> event.put("event_timestamp", extremeDate(random));
      case 4 -> event.put("ride_id", hostileRideId(random));
      case 5 -> event.remove(field.jsonName());
      case 6 -> event.put("unexpected_" + random.nextInt(5), controlText(random));
      case 7 -> {
        byte[] bytes = JSON.writeValueAsBytes(event);
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
      }
      case 8 -> {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
      }
      case 9 -> {
        return ("[".repeat(1 + random.nextInt(2_000))).getBytes(StandardCharsets.UTF_8);
      }
      case 10 -> {
        byte[] bytes = JSON.writeValueAsBytes(event);
        bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
        return bytes;
      }
      default -> {
        // left valid
      }
    }
    return JSON.writeValueAsBytes(event);
  }

  private static JsonNode randomValue(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.booleanNode(random.nextBoolean());
      case 1 -> NODES.arrayNode().add(random.nextInt());
      case 2 -> NODES.objectNode().put("x", random.nextInt());
      case 3 -> NODES.nullNode();
      case 4 -> NODES.textNode(Integer.toString(random.nextInt(300)));
      default -> NODES.numberNode(random.nextDouble() * 1_000);
    };
  }

  private static JsonNode extremeNumber(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> NODES.numberNode(Double.MAX_VALUE);
      case 1 -> NODES.numberNode(Double.MIN_VALUE);
      case 2 -> NODES.numberNode(-0.0);
      case 3 -> NODES.numberNode(Long.MAX_VALUE);
      case 4 -> NODES.numberNode(Long.MIN_VALUE);
      case 5 -> NODES.numberNode(new java.math.BigInteger("9".repeat(40)));
      case 6 -> NODES.numberNode(new java.math.BigDecimal("1e-400"));
      case 7 -> NODES.numberNode(Integer.MAX_VALUE);
      default -> NODES.numberNode(3_000_000_000L);
    };
  }

  private static String controlText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(20);
    for (int i = 0; i < length; i++) {
      text.append((char) random.nextInt(0x20));
    }
    return text.append(random.nextBoolean() ? "\uD83D\uDE95" : "\u202E").toString();
  }

  private static String extremeDate(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> "+1000000000-06-01T00:00:00Z";
      case 1 -> "-1000000000-01-01T00:00:00Z";
      case 2 -> "2098-01-01T00:00:00Z";
      case 3 -> "0000-01-01T00:00:00Z";
      case 4 -> "1970-01-01T00:00:00Z";
      case 5 -> "+999999999-12-31T23:59:59.999999999Z";
      case 6 -> Instant.now().plus(Duration.ofDays(3)).toString();
      default -> "2026-02-30T25:61:00Z";
    };
  }

  private static String hostileRideId(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> "a\u0000b";
      case 1 -> "r".repeat(3_012 + random.nextInt(5_000));
      case 2 -> "ride id with spaces";
      case 3 -> "ride-\u00e9-\u4e2d";
      case 4 -> "\t";
      case 5 -> "ok-" + random.nextLong(); // a valid id: the event stays valid
      default -> "x".repeat(65);
    };
  }
}
