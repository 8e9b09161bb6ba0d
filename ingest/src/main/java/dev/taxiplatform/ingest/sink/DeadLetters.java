package dev.taxiplatform.ingest.sink;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.ride.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends invalid events to the dead-letter topic with their original key and bytes and headers
 * naming the rule they broke and where they came from.
 */
final class DeadLetters implements AutoCloseable {
  static final String REASON = "error.reason";
  static final String MESSAGE = "error.message";
  static final String SOURCE_TOPIC = "source.topic";
  static final String SOURCE_PARTITION = "source.partition";
  static final String SOURCE_OFFSET = "source.offset";
  private static final int MAX_MESSAGE_CHARS = 1_000;

  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  DeadLetters(KafkaConnection kafka, String topic) {
    this.topic = requireNonNull(topic, "topic");
    Map<String, Object> properties = kafka.clientProperties("ride-sink-dead-letters");
    // Several sinks per process: let Kafka number the clients.
    properties.remove(org.apache.kafka.clients.CommonClientConfigs.CLIENT_ID_CONFIG);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    this.producer =
        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  void send(ConsumerRecord<byte[], byte[]> record, Violation violation) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON, utf8(violation.reason().code()));
    headers.add(MESSAGE, utf8(shortened(violation.message())));
    headers.add(SOURCE_TOPIC, utf8(record.topic()));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
    producer.send(
        new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers),
        (metadata, exception) -> {
          if (exception != null) {
            failure.compareAndSet(null, exception);
          }
        });
  }

  /** Waits until every dead letter sent so far is stored; fails if any could not be. */
  void flush() {
    producer.flush();
    Exception failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException(
          "Could not write to the dead-letter topic " + topic + ": " + failed.getMessage(), failed);
    }
  }

  @Override
  public void close() {
    producer.close();
  }

  /** The message, cut so that headers never push a dead letter past Kafka's record size limit. */
  private static String shortened(String message) {
    return message.length() <= MAX_MESSAGE_CHARS
        ? message
        : message.substring(0, MAX_MESSAGE_CHARS) + "…";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
