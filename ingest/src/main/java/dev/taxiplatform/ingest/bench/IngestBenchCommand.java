package dev.taxiplatform.ingest.bench;

import dev.taxiplatform.core.bench.BenchReport;
import dev.taxiplatform.core.bench.BenchStack;
import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.config.ValueTypes;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.ingest.generate.EventClock;
import dev.taxiplatform.ingest.generate.RideStream;
import dev.taxiplatform.ingest.produce.ProducerOptions;
import dev.taxiplatform.ingest.produce.ProducerSummary;
import dev.taxiplatform.ingest.produce.RideProducer;
import dev.taxiplatform.ingest.sink.FlushObserver;
import dev.taxiplatform.ingest.sink.RideSink;
import dev.taxiplatform.ingest.sink.SinkMetrics;
import dev.taxiplatform.ingest.sink.SinkOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code platform bench-ingest}: on a fresh local stack, measures Kafka's own ProducerPerformance
 * (the reference), the ride producer, the sink draining a backlog, and the end-to-end latency from
 * publishing a ride to its Parquet file being in S3.
 */
@Command(
    name = "bench-ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark ingestion on a fresh local stack (started and stopped by the benchmark, in"
          + " <data-dir>/bench-stack), after a JVM warm-up of 200,000 events through producer and"
          + " sink: the ride producer at full speed against Kafka's own ProducerPerformance"
          + " (same settings, recorded ride JSON as its payloads, the same warm-up); the sink"
          + " draining that backlog into S3 against Kafka's own ConsumerPerformance reading the"
          + " same topic and partitions; and the end-to-end latency (publish to object in S3) at a"
          + " steady rate.",
      "Prints a table and writes <data-dir>/bench-results/ingest.json."
    })
public final class IngestBenchCommand implements Callable<Integer> {
  private static final int PARTITIONS = 3;
  private static final long WARMUP_EVENTS = 200_000;
  private static final int RECORDED_PAYLOADS = 20_000;

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "Events for the throughput runs (default 1,000,000).")
  private long events;

  @Option(
      names = "--latency-rate",
      paramLabel = "N",
      defaultValue = "20000",
      description = "Events per second of the latency run (default 20,000).")
  private double latencyRate;

  @Option(
      names = "--latency-duration",
      paramLabel = "D",
      defaultValue = "30s",
      description = "Length of the latency run (default 30s).")
  private String latencyDuration;

  @Option(
      names = "--latency-flush-interval",
      paramLabel = "D",
      defaultValue = "1s",
      description = "The sink's flush interval in the latency run (default 1s).")
  private String latencyFlushInterval;

  @Override
  public Integer call() throws Exception {
    PlatformConfig config = configOptions.load();
    Duration duration = parse(latencyDuration, "--latency-duration");
    Duration flushInterval = parse(latencyFlushInterval, "--latency-flush-interval");
    if (events <= 0 || !(latencyRate > 0)) {
      throw PlatformException.usage("--events and --latency-rate must be positive.");
    }
    PrintStream out = System.out;
    Path home = PlatformHome.locate();
    ComponentCatalog catalog = ComponentCatalog.discover(home);
    ComponentLauncher launcher = new ComponentLauncher(home);
    BenchReport report = new BenchReport("ingest");
    out.println("Starting a fresh stack for the benchmark ...");
    try (BenchStack stack =
        BenchStack.start(catalog, launcher, config.dataDir().resolve("bench-stack"), out)) {
      Connections connections = stack.connections();
      KafkaConnection kafka = connections.kafka();
      createTopics(
          kafka,
          List.of("bench-warmup", "bench-reference", "bench-rides", "bench-live", "bench-dlq"));
      try (S3Client s3 = connections.s3().client()) {
        s3.createBucket(b -> b.bucket("bench-raw"));

        long warmupEvents = Math.max(1, Math.min(WARMUP_EVENTS, events / 5));
        out.printf(
            "%nWarming up the JVM: %,d events through the producer and the sink ...%n",
            warmupEvents);
        new RideProducer(
                kafka,
                options(
                    "bench-warmup", OptionalDouble.empty(), OptionalLong.of(warmupEvents), null),
                new RideStream(3, EventClock.realTime(), 0),
                out)
            .run();
        runSinkUntilDrained(
            sinkOptions(config, "bench-warmup", "bench-warmup-sink", config.sink().flushInterval()),
            config.sink().consumers(),
            kafka,
            s3,
            FlushObserver.NONE,
            null);

        out.printf("%n1/5 the ride producer: %,d events as fast as possible ...%n", events);
        ProducerSummary produced =
            new RideProducer(
                    kafka,
                    options("bench-rides", OptionalDouble.empty(), OptionalLong.of(events), null),
                    new RideStream(1, EventClock.realTime(), 0),
                    out)
                .run();
        out.println("    " + produced.describe());
        int recordSize = (int) Math.round(produced.bytes() / (double) produced.sent());

        BenchTools tools = new BenchTools(catalog, launcher, out);
        Path payloads =
            ReferenceProducer.recordPayloads(
                new RideStream(4, EventClock.realTime(), 0),
                RECORDED_PAYLOADS,
                Files.createTempFile("bench-ride-payloads", ".json"));
        ReferenceProducer.Result reference;
        try {
          out.printf(
              "%n2/5 reference: Kafka's ProducerPerformance, %,d records picked from %,d recorded"
                  + " rides, after %,d warm-up records ...%n",
              events, RECORDED_PAYLOADS, warmupEvents);
          reference =
              ReferenceProducer.run(
                  tools, kafka, "bench-reference", payloads, events, warmupEvents);
        } finally {
          Files.deleteIfExists(payloads);
        }

        out.printf(
            "%n3/5 reference: Kafka's ConsumerPerformance reading the %,d events ...%n",
            produced.acknowledged());
        double consumerReference =
            ReferenceConsumer.run(tools, kafka, "bench-rides", produced.acknowledged());

        out.printf(
            "%n4/5 the sink (%d consumers): draining %,d events into S3 ...%n",
            config.sink().consumers(), events);
        SinkOptions sinkOptions =
            sinkOptions(config, "bench-rides", "bench-sink", config.sink().flushInterval());
        long sinkStarted = System.nanoTime();
        runSinkUntilDrained(
            sinkOptions, config.sink().consumers(), kafka, s3, FlushObserver.NONE, null);
        double sinkSeconds = (System.nanoTime() - sinkStarted) / 1e9;
        double sinkRate = produced.acknowledged() / sinkSeconds;
        out.printf("    %,.0f events/s (%.1f s)%n", sinkRate, sinkSeconds);

        out.printf(
            "%n5/5 end-to-end latency: %,.0f events/s for %s, sink flush interval %s ...%n",
            latencyRate, latencyDuration, latencyFlushInterval);
        LatencyRecorder latencies = new LatencyRecorder();
        SinkOptions liveOptions =
            sinkOptions(config, "bench-live", "bench-live-sink", flushInterval);
        RideProducer live =
            new RideProducer(
                kafka,
                options(
                    "bench-live", OptionalDouble.of(latencyRate), OptionalLong.empty(), duration),
                new RideStream(2, EventClock.realTime(), 0),
                out);
        runSinkUntilDrained(liveOptions, config.sink().consumers(), kafka, s3, latencies, live);
        out.printf(
            "    %,d rides: p50 %.3f s, p99 %.3f s%n",
            latencies.count(),
            latencies.percentile(0.5) / 1000.0,
            latencies.percentile(0.99) / 1000.0);

        report
            .add(
                "producer_events_per_second",
                produced.eventsPerSecond(),
                "events/s",
                "kafka_producer_performance_records_per_second",
                reference.recordsPerSecond())
            .add(
                "sink_events_per_second",
                sinkRate,
                "events/s",
                "kafka_consumer_performance_records_per_second",
                consumerReference)
            .add(
                "producer_megabytes_per_second",
                produced.bytes() / 1e6 / (produced.elapsed().toNanos() / 1e9),
                "MB/s",
                "kafka_producer_performance_megabytes_per_second",
                reference.megabytesPerSecond())
            .add("end_to_end_latency_p50_seconds", latencies.percentile(0.5) / 1000.0, "s")
            .add("end_to_end_latency_p99_seconds", latencies.percentile(0.99) / 1000.0, "s")
            .add("event_size_bytes", recordSize, "bytes");
      }
    }
    out.println();
    out.print(report.table());
    Path file = report.write(config.dataDir());
    out.println("Written to " + file);
    return ExitCodes.SUCCESS;
  }

  /**
   * Runs {@code consumers} sinks (and, if given, a producer alongside) until they have consumed the
   * whole topic, then stops them: they write and commit what they hold. Returns when every offset
   * is committed.
   */
  private static void runSinkUntilDrained(
      SinkOptions options,
      int consumers,
      KafkaConnection kafka,
      S3Client s3,
      FlushObserver observer,
      RideProducer producer)
      throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<RideSink> sinks = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    SinkMetrics metrics = null;
    try {
      for (int i = 0; i < consumers; i++) {
        metrics = new SinkMetrics(registry, i);
        RideSink sink = new RideSink(options, kafka, s3, metrics, observer);
        sinks.add(sink);
        Thread thread = new Thread(sink::run, "bench-sink-" + i);
        threads.add(thread);
        thread.start();
      }
      if (producer != null) {
        ProducerSummary summary = producer.run();
        System.out.println("    " + summary.describe());
      }
      try (Admin admin = kafka.admin("bench-offsets")) {
        long end = endOffsets(admin, options.topic());
        while (metrics.recordsConsumed() < end) {
          if (threads.stream().noneMatch(Thread::isAlive)) {
            throw new IllegalStateException("The sink stopped before it drained the topic");
          }
          Thread.sleep(20);
        }
        sinks.forEach(RideSink::stop);
        for (Thread thread : threads) {
          thread.join(TimeUnit.MINUTES.toMillis(2));
        }
        long committed = committed(admin, options.groupId(), options.topic());
        if (committed != end) {
          throw new IllegalStateException(
              "The sink committed %d of %d offsets".formatted(committed, end));
        }
      }
    } finally {
      sinks.forEach(RideSink::stop);
      sinks.forEach(RideSink::close);
    }
  }

  private static SinkOptions sinkOptions(
      PlatformConfig config, String topic, String groupId, Duration flushInterval) {
    return new SinkOptions(
        topic,
        "bench-dlq",
        "bench-raw",
        config.sink().batchSize(),
        flushInterval,
        groupId,
        config.sink().compression(),
        config.sink().maxBufferMb() * 1024L * 1024L);
  }

  private static ProducerOptions options(
      String topic, OptionalDouble rate, OptionalLong count, Duration duration) {
    return new ProducerOptions(
        topic, rate, count, Optional.ofNullable(duration), Optional.empty(), 1, 1, 0);
  }

  private static void createTopics(KafkaConnection kafka, List<String> names) throws Exception {
    try (Admin admin = kafka.admin("bench-setup")) {
      admin
          .createTopics(names.stream().map(n -> new NewTopic(n, PARTITIONS, (short) 1)).toList())
          .all()
          .get(1, TimeUnit.MINUTES);
    }
  }

  private static long endOffsets(Admin admin, String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return admin.listOffsets(request).all().get(1, TimeUnit.MINUTES).values().stream()
        .mapToLong(i -> i.offset())
        .sum();
  }

  private static long committed(Admin admin, String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(1, TimeUnit.MINUTES);
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  private static Duration parse(String text, String option) {
    try {
      return ValueTypes.duration("s").parse(text);
    } catch (IllegalArgumentException e) {
      throw PlatformException.usage(option + " \"" + text + "\" is not a duration, e.g. 30s.");
    }
  }
}
