package dev.taxiplatform.batch;

import dev.taxiplatform.core.batch.BatchRunOptions;
import dev.taxiplatform.core.batch.BatchServiceAnswer;
import dev.taxiplatform.core.batch.BatchServiceClient;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.cli.TaskSummaryFile;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.metrics.SummaryPusher;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code platform batch}: one incremental run of the Spark batch job. */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = {
      "Process raw ride objects not processed before: clean (failing rows go to quarantine with"
          + " the rule's name), enrich, deduplicate by ride_id (across runs too), write rides"
          + " partitioned by event_date and update the zone, hourly and payment aggregates.",
      "Reads the raw objects of kafka.topic (s3://<raw bucket>/<topic>/...). Dates, hours,"
          + " rush hours and weekends are local to business.time-zone.",
      "While the local stack runs a batch service (platform up --with batch-service), or"
          + " batch.service-url names one, the run goes to its warm Spark session and this command prints its progress and result and"
          + " exits with its code (a pipeline's batch task is submitted there by the orchestrator"
          + " itself); otherwise (or with --in-process) Spark runs inside this process"
          + " (batch.master=local[*]) unless batch.master names a cluster. A failed run leaves nothing visible downstream; run it again. One run at a"
          + " time: a run takes a lock in the warehouse database for its processed bucket.",
      "Exit codes: 0 done, 1 the run failed (e.g. a corrupt raw object with --on-corrupt=fail, or"
          + " another run in progress), 2 bad usage or configuration, 3 S3 or the warehouse"
          + " database unreachable."
    })
public final class BatchCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BatchCommand.class);

  @Mixin private BatchRunOptions options;

  @Override
  public Integer call() throws Exception {
    PlatformConfig config = options.load(ConfigLoader.fromSystem());
    BatchSettings settings = BatchSettings.from(config);
    Connections connections = new Connections(config);
    S3Connection connection = connections.s3();
    String raw = config.s3().rawBucket();
    String processed = config.s3().processedBucket();
    BatchStorage storage = new BatchStorage(raw, config.kafka().topic(), processed);
    Optional<URI> service = options.service(config);
    String why = options.inProcess() ? "--in-process" : "no batch service for this stack";
    if (service.isPresent()) {
      BatchServiceClient client = new BatchServiceClient(service.get());
      Optional<BatchServiceAnswer> answer = client.submit(options.request(config));
      if (answer.isPresent()) {
        LOG.info("Batch run on the batch service at {} (warm Spark session)", client.endpoint());
        return finish(answer.get());
      }
      why =
          "the batch service at %s is not reachable or serves other buckets"
              .formatted(service.get());
    }
    LOG.info("Batch run in this process (Spark {}): {}", settings.master(), why);
    BatchRunLock lock = new BatchRunLock(connections.warehouse());
    Path scratch = Files.createTempDirectory("taxi-batch");
    try (S3Client s3 = connection.client()) {
      S3Buckets.requireReachable(s3, connection, List.of(raw, processed));
      try (LazySparkSession spark =
          new LazySparkSession(() -> SparkSessions.create(settings, connection, scratch))) {
        BatchRunSummary summary =
            new BatchJob(spark, s3, storage, settings, lock, BatchJob.Hook.NONE, Clock.systemUTC())
                .run(options.fullRefresh());
        System.out.print(summary.render());
        Optional<Path> summaryFile = summaryFile();
        if (summaryFile.isPresent()) {
          TaskSummaryFile.write(summaryFile.get(), "batch", summary, summary.metrics());
        }
        SummaryPusher.forConfig(config)
            .ifPresent(pusher -> pusher.pushSuccess("batch", summary.metrics(), Instant.now()));
        return ExitCodes.SUCCESS;
      }
    } finally {
      deleteRecursively(scratch);
    }
  }

  /** Prints a run's result answered by the batch service and exits as the run did. */
  private int finish(BatchServiceAnswer answer) throws java.io.IOException {
    if (!answer.succeeded()) {
      throw new PlatformException(answer.exitCode(), answer.message());
    }
    System.out.print(answer.rendered());
    Optional<Path> summaryFile = summaryFile();
    if (summaryFile.isPresent()) {
      answer.writeSummary(summaryFile.get());
    }
    return ExitCodes.SUCCESS;
  }

  /** Where the run's summary goes as JSON: {@code --summary-json}, else the task's file. */
  private Optional<Path> summaryFile() {
    return options.summaryJson().or(TaskSummaryFile::fromEnvironment);
  }

  static void deleteRecursively(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (java.io.IOException e) {
                  // Best effort: a temporary directory.
                }
              });
    } catch (java.io.IOException e) {
      // Best effort.
    }
  }

  static PlatformException unavailable(String message, Throwable cause) {
    return PlatformException.unavailable(message, cause);
  }
}
