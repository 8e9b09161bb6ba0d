package dev.taxiplatform.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.connect.KafkaConnection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rides topic from its end, as the producer publishes, and keeps a sample of the rides
 * with their publication time (the record's create time, set by the producer when it sends).
 */
final class TopicSampler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSampler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final RideSampler sampler;
  private final Thread thread;
  private final List<SampledRide> samples = new ArrayList<>();
  private volatile boolean sampling = true;
  private volatile boolean running = true;
  private long published;

  private TopicSampler(KafkaConsumer<byte[], byte[]> consumer, RideSampler sampler) {
    this.consumer = consumer;
    this.sampler = sampler;
    this.thread = new Thread(this::loop, "freshness-sampler");
  }

  /** Starts reading {@code topic} from its current end; samples one ride in {@code every}. */
  static TopicSampler start(KafkaConnection kafka, String topic, int every) {
    requireNonNull(topic, "topic");
    Map<String, Object> properties = kafka.clientProperties("bench-freshness-sampler");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    TopicSampler sampler = new TopicSampler(consumer, new RideSampler(every));
    sampler.thread.start();
    return sampler;
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (!sampling) {
            continue;
          }
          synchronized (this) {
            published++;
            if (sampler.take()) {
              samples.add(
                  SampledRide.published(
                      rideId(record.value()), Instant.ofEpochMilli(record.timestamp())));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.error("The freshness sampler stopped reading the topic", e);
    }
  }

  private static String rideId(byte[] value) {
    try {
      JsonNode ride = JSON.readTree(value);
      return ride.path("ride_id").asText();
    } catch (IOException e) {
      throw new IllegalStateException("A ride on the topic is not JSON", e);
    }
  }

  /** Stops sampling (the rides sampled so far stay). */
  void stopSampling() {
    sampling = false;
  }

  /** The rides sampled so far. */
  synchronized List<SampledRide> samples() {
    return List.copyOf(samples);
  }

  /** Rides published (read from the topic) while sampling. */
  synchronized long published() {
    return published;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
  }
}
