package dev.taxiplatform.ingest.sink;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.metrics.MetricsServer;
import dev.taxiplatform.core.process.GracefulShutdown;
import dev.taxiplatform.core.process.SupervisorWatchdog;
import dev.taxiplatform.core.raw.RawLayout;
import dev.taxiplatform.ingest.Preflight;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code platform sink}: the exactly-once Kafka to S3 Parquet sink. */
@Command(
    name = "sink",
    mixinStandardHelpOptions = true,
    description = {
      "Consume ride events from the rides topic, validate them against the contract and write the"
          + " valid ones as Parquet to S3 (s3://<raw bucket>/<topic>/year=/month=/day=/), exactly"
          + " once; invalid ones go to the dead-letter topic with the reason in headers.",
      "Runs until stopped (Ctrl-C / SIGTERM), then writes and commits what it holds. Several sink"
          + " processes share the topic's partitions (consumer group sink.group-id).",
      "Serves /metrics (Prometheus), /health and /health/live (liveness), /health/ready (once every"
          + " consumer has joined the group and received its partitions) on --metrics-port"
          + " (default sink.metrics-port) at server.bind-host; POST /flush writes and commits every open batch now instead of at its size or"
          + " interval (the orchestrator's stop_streaming does, once the producer has stopped)."
    })
public final class SinkCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SinkCommand.class);

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description = "Port of /metrics and /health (0: any free port).")
  private Integer metricsPort;

  @Override
  public Integer call() {
    PlatformConfig config = configOptions.load();
    SinkOptions options = SinkOptions.from(config);
    SupervisorWatchdog.startIfSupervised();
    Connections connections = new Connections(config);
    KafkaConnection kafka = connections.kafka();
    Preflight.requireTopics(kafka, List.of(options.topic(), options.deadLetterTopic()));
    try (S3Client s3 = connections.s3().client()) {
      Preflight.requireBucket(s3, options.bucket());
      List<RideSink> sinks = new CopyOnWriteArrayList<>();
      int consumers = config.sink().consumers();
      try (MetricsServer metrics = startMetrics(config, sinks, consumers)) {
        metrics.action("/flush", () -> sinks.forEach(RideSink::requestFlush));
        if (java.nio.file.Files.isDirectory(config.dataDir())) {
          metrics.watchDisk(config.dataDir());
        }
        for (int i = 0; i < consumers; i++) {
          sinks.add(
              new RideSink(
                  options, kafka, s3, new SinkMetrics(metrics.registry(), i), FlushObserver.NONE));
        }
        CountDownLatch finished = new CountDownLatch(1);
        GracefulShutdown.onExit(
            "sink",
            config.server().shutdownTimeout(),
            () -> {
              sinks.forEach(RideSink::stop);
              finished.await();
            });
        LOG.info(
            "Sink started: {} -> s3://{}/{} (group {}, {} consumer(s), batch {} records or {}, {});"
                + " metrics on port {}",
            options.topic(),
            options.bucket(),
            RawLayout.topicPrefix(options.topic()),
            options.groupId(),
            consumers,
            options.batchSize(),
            options.flushInterval(),
            options.compression(),
            metrics.port());
        try {
          runAll(sinks);
        } catch (SdkException e) {
          throw PlatformException.unavailable(
              "S3 failed while storing raw files: %s. Nothing was committed past the last stored"
                      .formatted(e.getMessage())
                  + " file; restart the sink when S3 is back.",
              e);
        } finally {
          try {
            sinks.forEach(RideSink::close);
          } finally {
            finished.countDown();
          }
        }
      }
    }
    return ExitCodes.SUCCESS;
  }

  /**
   * Runs each sink in its own thread until all have returned; the first failure stops the others
   * (they write and commit what they hold) and is rethrown.
   */
  private static void runAll(List<RideSink> sinks) {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < sinks.size(); i++) {
      RideSink sink = sinks.get(i);
      Thread thread =
          new Thread(
              () -> {
                try {
                  sink.run();
                } catch (RuntimeException e) {
                  LOG.error("A sink consumer failed; stopping the others.", e);
                  failure.compareAndSet(null, e);
                  sinks.forEach(RideSink::stop);
                }
              },
              "sink-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        sinks.forEach(RideSink::stop);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private MetricsServer startMetrics(PlatformConfig config, List<RideSink> sinks, int consumers) {
    int port = metricsPort != null ? metricsPort : config.sink().metricsPort();
    java.util.function.Supplier<MetricsServer.Health> health =
        () ->
            sinks.stream()
                .map(RideSink::problem)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(MetricsServer.Health::unhealthy)
                .orElse(MetricsServer.Health.healthy());
    java.util.function.Supplier<MetricsServer.Health> readiness =
        () ->
            sinks.size() == consumers && sinks.stream().allMatch(RideSink::ready)
                ? MetricsServer.Health.healthy()
                : MetricsServer.Health.unhealthy(
                    "waiting for every consumer to join group %s and receive its partitions"
                        .formatted(config.sink().groupId()));
    String host = config.server().bindHost();
    try {
      return MetricsServer.start(host, port, health, readiness);
    } catch (UncheckedIOException e) {
      if (metricsPort != null) {
        throw PlatformException.usage(
            "Cannot serve metrics on port %d: %s. Choose another --metrics-port."
                .formatted(port, e.getCause().getMessage()));
      }
      LOG.info("Port {} (sink.metrics-port) is in use; serving metrics on a free port.", port);
      return MetricsServer.start(host, 0, health, readiness);
    }
  }
}
