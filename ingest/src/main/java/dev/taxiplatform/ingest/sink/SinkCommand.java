package dev.taxiplatform.ingest.sink;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.metrics.MetricsServer;
import dev.taxiplatform.core.process.SupervisorWatchdog;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
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
      "Serves /metrics (Prometheus) and /health on --metrics-port (default sink.metrics-port)."
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
    checkTopics(kafka, options);
    try (S3Client s3 = connections.s3().client()) {
      checkBucket(s3, options.bucket());
      RideSink[] running = new RideSink[1];
      try (MetricsServer metrics = startMetrics(config, running)) {
        RideSink sink =
            new RideSink(
                options, kafka, s3, new SinkMetrics(metrics.registry()), FlushObserver.NONE);
        running[0] = sink;
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook =
            new Thread(
                () -> {
                  sink.stop();
                  awaitQuietly(finished);
                },
                "sink-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info(
            "Sink started: {} -> s3://{}/{} (group {}, batch {} records or {}, {}); metrics on"
                + " port {}",
            options.topic(),
            options.bucket(),
            RawObjectKey.topicPrefix(options.topic()),
            options.groupId(),
            options.batchSize(),
            options.flushInterval(),
            options.compression(),
            metrics.port());
        try {
          sink.run();
        } catch (SdkException e) {
          throw PlatformException.unavailable(
              "S3 failed while storing raw files: %s. Nothing was committed past the last stored"
                      .formatted(e.getMessage())
                  + " file; restart the sink when S3 is back.",
              e);
        } finally {
          try {
            sink.close();
          } finally {
            finished.countDown();
          }
        }
      }
    }
    return ExitCodes.SUCCESS;
  }

  private MetricsServer startMetrics(PlatformConfig config, RideSink[] running) {
    int port = metricsPort != null ? metricsPort : config.sink().metricsPort();
    MetricsServer.Health starting = MetricsServer.Health.healthy();
    java.util.function.Supplier<MetricsServer.Health> health =
        () -> {
          RideSink sink = running[0];
          String problem = sink == null ? null : sink.problem();
          return problem == null ? starting : MetricsServer.Health.unhealthy(problem);
        };
    try {
      return MetricsServer.start("127.0.0.1", port, health);
    } catch (UncheckedIOException e) {
      if (metricsPort != null) {
        throw PlatformException.usage(
            "Cannot serve metrics on port %d: %s. Choose another --metrics-port."
                .formatted(port, e.getCause().getMessage()));
      }
      LOG.info("Port {} (sink.metrics-port) is in use; serving metrics on a free port.", port);
      return MetricsServer.start("127.0.0.1", 0, health);
    }
  }

  private static void checkTopics(KafkaConnection kafka, SinkOptions options) {
    try (Admin admin = kafka.admin("ride-sink-check")) {
      admin
          .describeTopics(List.of(options.topic(), options.deadLetterTopic()))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PlatformException.unavailable("Interrupted while checking Kafka.", e);
    } catch (Exception e) {
      throw PlatformException.unavailable(
          ("Cannot use topics %s and %s on Kafka at %s: %s. Start the stack (./platform up) or"
                  + " create the topics.")
              .formatted(
                  options.topic(), options.deadLetterTopic(), kafka.bootstrapServers(), root(e)),
          e);
    }
  }

  private static void checkBucket(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (SdkException e) {
      throw PlatformException.unavailable(
          "Cannot use bucket %s: %s. Start the stack (./platform up) or create the bucket."
              .formatted(bucket, root(e)),
          e);
    }
  }

  private static String root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
