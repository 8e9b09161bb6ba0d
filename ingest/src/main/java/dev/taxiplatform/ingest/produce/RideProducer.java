package dev.taxiplatform.ingest.produce;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.ingest.generate.BadEventKind;
import dev.taxiplatform.ingest.generate.RideStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a {@link RideStream} to Kafka: idempotent (acks=all), batched and compressed for
 * throughput, paced to a rate or as fast as possible, printing a progress line every few seconds.
 */
public final class RideProducer {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final KafkaConnection kafka;
  private final ProducerOptions options;
  private final RideStream stream;
  private final PrintStream progress;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong unknownOutcome = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final Map<BadEventKind, Long> bad = new EnumMap<>(BadEventKind.class);
  private volatile boolean stopRequested;
  private volatile long sent;

  public RideProducer(
      KafkaConnection kafka, ProducerOptions options, RideStream stream, PrintStream progress) {
    this.kafka = requireNonNull(kafka, "kafka");
    this.options = requireNonNull(options, "options");
    this.stream = requireNonNull(stream, "stream");
    this.progress = requireNonNull(progress, "progress");
  }

  /** The producer settings: idempotent, acks from all replicas, large compressed batches. */
  public static Map<String, Object> producerProperties(KafkaConnection kafka, String clientId) {
    Map<String, Object> properties = kafka.clientProperties(clientId);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    return properties;
  }

  /** Asks a running {@link #run()} to stop after the current event. */
  public void stop() {
    stopRequested = true;
  }

  /** Events handed to Kafka so far. */
  public long sent() {
    return sent;
  }

  /** Events Kafka acknowledged so far. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /** Events Kafka refused or that timed out, so far. */
  public long failed() {
    return failed.get();
  }

  /** Publishes until the count or duration is reached or {@link #stop()} is called. */
  public ProducerSummary run() {
    long limit = options.count().orElse(Long.MAX_VALUE);
    long deadline =
        options.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    double nanosPerEvent = options.rate().isPresent() ? 1e9 / options.rate().getAsDouble() : 0;
    long bytes = 0;
    long started = System.nanoTime();
    long nextProgress = started + PROGRESS_EVERY.toNanos();
    long lastProgressCount = 0;
    long lastProgressTime = started;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            producerProperties(kafka, "ride-producer"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      long count = 0;
      while (count < limit && !stopRequested) {
        long now = System.nanoTime();
        if (now - deadline >= 0) {
          break;
        }
        if (nanosPerEvent > 0) {
          long due = started + (long) (count * nanosPerEvent);
          if (due - now > 1_000_000) {
            LockSupport.parkNanos(Math.min(due - now, 100_000_000));
            continue;
          }
        }
        RideStream.Event event = stream.next();
        if (event.isBad()) {
          bad.merge(event.badKind(), 1L, Long::sum);
        }
        bytes += event.value().length;
        producer.send(
            new ProducerRecord<>(options.topic(), event.key(), event.value()),
            (metadata, exception) -> {
              if (exception == null) {
                acknowledged.incrementAndGet();
              } else if (exception instanceof RetriableException) {
                // Retried until delivery.timeout.ms: the broker may have written it meanwhile.
                unknownOutcome.incrementAndGet();
                firstFailure.compareAndSet(null, exception);
              } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, exception);
              }
            });
        count++;
        sent = count;
        if (now - nextProgress >= 0) {
          double rate = (count - lastProgressCount) / ((now - lastProgressTime) / 1e9);
          progress.printf(
              "  %,d events sent, %,.0f events/s, %,d acknowledged, %,d failed%n",
              count, rate, acknowledged.get(), failed.get());
          progress.flush();
          lastProgressCount = count;
          lastProgressTime = now;
          nextProgress = now + PROGRESS_EVERY.toNanos();
        }
      }
      producer.flush();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new ProducerSummary(
        options.topic(),
        sent,
        acknowledged.get(),
        failed.get(),
        unknownOutcome.get(),
        Map.copyOf(bad),
        bytes,
        elapsed,
        options.seed(),
        firstFailure.get());
  }
}
