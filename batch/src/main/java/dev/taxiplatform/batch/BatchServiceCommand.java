package dev.taxiplatform.batch;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.metrics.MetricsServer;
import dev.taxiplatform.core.metrics.SummaryPusher;
import dev.taxiplatform.core.process.GracefulShutdown;
import dev.taxiplatform.core.process.SupervisorWatchdog;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code platform batch-service}: the batch job with a warm Spark session, runs over HTTP. */
@Command(
    name = BatchSettings.SERVICE_NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Keeps one Spark session warm and runs the batch job when asked, so a run on a small"
          + " increment costs seconds instead of a JVM and Spark start-up. `platform batch` sends"
          + " its run here while the local stack runs this service (platform up --with"
          + " batch-service), and runs in its own process otherwise.",
      "Serves POST /runs (query full-refresh=true, on-corrupt=skip|fail; answers when the run"
          + " ends, with its exit code and summary), GET /runs (runs served, Spark application"
          + " id), /metrics (Prometheus: the last run's summary, runs by outcome), /health/live"
          + " and /health/ready on --port at server.bind-host. One run at a time.",
      "Exit codes: 0 stopped, 2 bad usage or configuration, 3 S3 unreachable at start."
    })
public final class BatchServiceCommand implements Callable<Integer> {
  /** The service's name in the local stack, and its default port. */
  static final String SERVICE = BatchSettings.SERVICE_NAME;

  static final int DEFAULT_PORT = 9466;

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--port",
      description = "Port of the runs API, /metrics and /health (default 9466; 0: any free port).")
  private int port = DEFAULT_PORT;

  @Option(
      names = "--no-warm-up",
      description =
          "Do not warm the session up at start (by default, with a local Spark master, a small"
              + " run on synthetic rides in local files, in the background, so the first real run"
              + " is as quick as later ones).")
  private boolean noWarmUp;

  @Override
  public Integer call() throws Exception {
    return serve(configOptions.load(List.of()), port, !noWarmUp, BatchJob.Hook.NONE);
  }

  /**
   * Serves runs until the process is asked to end, warming the session up first unless {@code
   * warmUp} is false; {@code hook} goes into every run.
   */
  static int serve(PlatformConfig config, int port, boolean warmUp, BatchJob.Hook hook)
      throws Exception {
    BatchSettings settings = BatchSettings.from(config);
    Connections connections = new Connections(config);
    S3Connection connection = connections.s3();
    String raw = config.s3().rawBucket();
    String processed = config.s3().processedBucket();
    Path scratch = Files.createTempDirectory("taxi-batch-service");
    S3Client s3 = connection.client();
    S3Buckets.requireReachable(s3, connection, List.of(raw, processed));
    SparkSession spark = SparkSessions.create(settings, connection, scratch);
    BatchService service =
        new BatchService(
            spark,
            s3,
            new BatchStorage(raw, config.kafka().topic(), processed),
            settings,
            new BatchRunLock(connections.warehouse()),
            hook,
            SummaryPusher.forConfig(config));
    MetricsServer server;
    try {
      server =
          MetricsServer.start(
              config.server().bindHost(), port, () -> MetricsServer.Health.healthy());
    } catch (UncheckedIOException e) {
      spark.stop();
      throw PlatformException.usage(
          "Cannot serve the batch service on port %d: %s. Choose another --port."
              .formatted(port, e.getCause().getMessage()));
    }
    service.serveOn(server);
    // The warm-up's files are local: with executors elsewhere they would not be where it reads.
    if (warmUp && spark.sparkContext().isLocal()) {
      service.warmUpInBackground(() -> new BatchWarmUp(spark, settings).run(scratch));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    GracefulShutdown.onExit(
        SERVICE,
        config.server().shutdownTimeout(),
        () -> {
          try {
            server.close();
            spark.stop();
            s3.close();
            BatchCommand.deleteRecursively(scratch);
          } finally {
            stopped.countDown();
          }
        });
    SupervisorWatchdog.startIfSupervised();
    System.out.printf(
        "Batch service serving http://%s:%d%s (Spark application %s)%n",
        config.server().bindHost(), server.port(), BatchService.RUNS_PATH, service.applicationId());
    stopped.await();
    return ExitCodes.SUCCESS;
  }
}
