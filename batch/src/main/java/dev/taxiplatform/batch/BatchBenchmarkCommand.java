package dev.taxiplatform.batch;

import static org.apache.spark.sql.functions.col;

import dev.taxiplatform.core.bench.BenchReport;
import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.S3Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code platform bench-batch}: the batch job's throughput against {@link DuckDbReference} doing
 * the same run (same raw objects, rules, quarantine, deduplication, rides and aggregates written to
 * S3), in the same process.
 */
@Command(
    name = "bench-batch",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the batch job: generate synthetic raw rides (2%% duplicates, 1%% bad rows, 30"
          + " days) into benchmark buckets of the running stack, run the Spark job on them, and"
          + " run the same work in DuckDB as the reference: download the same raw objects, apply"
          + " the job's own rules, quarantine, deduplicate, and upload the rides, quarantine and"
          + " three aggregates to another bucket.",
      "Prints a table and writes bench-results/batch.json in the data directory."
    })
public final class BatchBenchmarkCommand implements Callable<Integer> {
  static final String RAW_BUCKET = "platform-bench-raw";
  static final String PROCESSED_BUCKET = "platform-bench-processed";
  static final String REFERENCE_BUCKET = "platform-bench-reference";
  static final String RAW_TOPIC = "taxi-rides";

  /** A stream's increment: rides per second of event time, and raw objects per increment. */
  private static final int STREAM_RIDES_PER_SECOND = 2_000;

  // The sink's objects of 100k rides at that rate: 3 partitions, flushed every 10 s for 50 s.
  private static final int STREAM_OBJECTS = 15;

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--rows",
      split = ",",
      paramLabel = "N",
      description = "Raw rows per round, comma-separated (default: 1000000,10000000).")
  private List<Long> rows = List.of(1_000_000L, 10_000_000L);

  @Option(
      names = "--increment",
      paramLabel = "N",
      description =
          "Instead: time `platform batch` on increments of N new raw rows after warm-up runs,"
              + " submitted to a warm batch service and run in-process (e.g. 100000).")
  private Long increment;

  @Option(
      names = "--warm-up-runs",
      paramLabel = "N",
      description =
          "With --increment: runs through the batch service before the timed ones (default: 2).")
  private int warmUpRuns = 2;

  @Option(
      names = "--runs",
      paramLabel = "N",
      description = "With --increment: timed runs on each side, the median compared (default: 3).")
  private int runs = 3;

  @Option(
      names = "--spread-increments",
      description =
          "With --increment: spread each increment's rides uniformly over 30 days (late or"
              + " replayed data: each run writes and checks a rides file per date) instead of in"
              + " time order at 2,000 rides/s, as the sink delivers a stream (mostly one date).")
  private boolean spreadIncrements;

  @Override
  public Integer call() throws Exception {
    PlatformConfig config = configOptions.load();
    if (increment != null && increment <= 0) {
      throw PlatformException.usage("--increment must be positive.");
    }
    if (warmUpRuns < 0 || runs <= 0) {
      throw PlatformException.usage("--warm-up-runs must be 0 or more, and --runs positive.");
    }
    BatchSettings settings = BatchSettings.from(config);
    Connections connections = new Connections(config);
    S3Connection connection = connections.s3();
    Path scratch = Files.createTempDirectory("taxi-bench-batch");
    BenchReport report = new BenchReport(increment == null ? "batch" : "batch-increment");
    try (S3Client s3 = connection.client()) {
      SparkSession spark = SparkSessions.create(settings, connection, scratch);
      try {
        if (increment == null) {
          spark.sparkContext().addSparkListener(new StageTimes());
          BatchRunLock lock = new BatchRunLock(connections.warehouse());
          for (long n : rows) {
            round(report, spark, s3, settings, lock, scratch.resolve("round-" + n), n);
          }
        } else {
          incrementRounds(report, config, spark, s3, scratch);
        }
      } finally {
        spark.stop();
      }
    } finally {
      RawRideFiles.deleteTree(scratch);
    }
    System.out.print(report.table());
    Path file = report.write(config.dataDir());
    System.out.println("Written to " + file);
    return ExitCodes.SUCCESS;
  }

  private void incrementRounds(
      BenchReport report, PlatformConfig config, SparkSession spark, S3Client s3, Path scratch)
      throws Exception {
    for (String bucket : List.of(RAW_BUCKET, PROCESSED_BUCKET)) {
      emptyBucket(s3, bucket);
    }
    List<String> batchArguments = new ArrayList<>(configOptions.asArguments(config.dataDir()));
    batchArguments.addAll(
        List.of(
            "--set",
            "s3.raw-bucket=" + RAW_BUCKET,
            "--set",
            "s3.processed-bucket=" + PROCESSED_BUCKET,
            "--set",
            "kafka.topic=" + RAW_TOPIC));
    new IncrementBenchmark(batchArguments, n -> writeIncrement(spark, s3, scratch, n), System.out)
        .run(increment, warmUpRuns, runs, report);
  }

  /**
   * Writes the {@code index}th increment of {@link #increment} new raw rides (keys of its own): the
   * stretch of a stream after the previous increment's, or rides spread over 30 days.
   */
  private void writeIncrement(SparkSession spark, S3Client s3, Path scratch, int index)
      throws Exception {
    Path raw = scratch.resolve("increment-" + index);
    writeRaw(
        spark,
        s3,
        spreadIncrements
            ? SyntheticRides.generate(spark, index * increment, increment)
                .repartition(SyntheticRides.DAYS, col("raw_date"))
            : SyntheticRides.stream(spark, index * increment, increment, STREAM_RIDES_PER_SECOND)
                .repartition(STREAM_OBJECTS),
        raw,
        index * 100_000_000L);
    RawRideFiles.deleteTree(raw);
  }

  private void round(
      BenchReport report,
      SparkSession spark,
      S3Client s3,
      BatchSettings settings,
      BatchRunLock lock,
      Path directory,
      long n)
      throws Exception {
    String label = n % 1_000_000 == 0 ? (n / 1_000_000) + "M" : Long.toString(n);
    System.out.printf("Round %s: generating %,d raw rides...%n", label, n);
    for (String bucket : List.of(RAW_BUCKET, PROCESSED_BUCKET, REFERENCE_BUCKET)) {
      emptyBucket(s3, bucket);
    }
    Path raw = directory.resolve("raw");
    writeRaw(
        spark,
        s3,
        SyntheticRides.generate(spark, n).repartition(SyntheticRides.DAYS, col("raw_date")),
        raw,
        0);

    System.out.printf("Round %s: Spark batch job...%n", label);
    BatchRunSummary summary =
        new BatchJob(
                () -> spark,
                s3,
                new BatchStorage(RAW_BUCKET, RAW_TOPIC, PROCESSED_BUCKET),
                settings,
                lock,
                BatchJob.Hook.NONE,
                Clock.systemUTC())
            .run(false);
    System.out.print(summary.render());
    double sparkRate = summary.rawRowsRead() / summary.durationSeconds();

    System.out.printf("Round %s: DuckDB reference...%n", label);
    long start = System.nanoTime();
    DuckDbReference.Result reference =
        new DuckDbReference(
                s3, new BatchStorage(RAW_BUCKET, RAW_TOPIC, REFERENCE_BUCKET), settings.calendar())
            .run(directory.resolve("duckdb"));
    double duckSeconds = (System.nanoTime() - start) / 1e9;
    double duckRate = reference.rawRows() / duckSeconds;
    System.out.printf(
        "DuckDB: %,d raw rows, %,d quarantined, %,d rides, %d files in %.1f s"
            + " (Spark: %,d raw rows, %,d quarantined, %,d rides)%n",
        reference.rawRows(),
        reference.quarantined(),
        reference.ridesWritten(),
        reference.filesWritten(),
        duckSeconds,
        summary.rawRowsRead(),
        summary.quarantined(),
        summary.ridesWritten());
    if (reference.ridesWritten() != summary.ridesWritten()
        || reference.quarantined() != summary.quarantined()) {
      throw new PlatformException(
          ExitCodes.FAILED,
          "The DuckDB reference and the Spark job disagree on the rides or quarantined rows written;"
              + " the comparison is void. DuckDbReferenceTest shows where they differ.");
    }
    RawRideFiles.deleteTree(directory);
    report.add(
        "spark_batch_raw_rows_per_second_" + label,
        sparkRate,
        "rows/s",
        "duckdb_same_run_rows_per_second_" + label,
        duckRate);
  }

  /** Prints each Spark stage's task count and duration, to see where a round's time goes. */
  static final class StageTimes extends org.apache.spark.scheduler.SparkListener {
    @Override
    public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted completed) {
      var info = completed.stageInfo();
      long millis =
          info.completionTime().isDefined() && info.submissionTime().isDefined()
              ? (Long) info.completionTime().get() - (Long) info.submissionTime().get()
              : -1;
      System.out.printf(
          "  stage %d (%d tasks, %d ms): %s%n",
          info.stageId(), info.numTasks(), millis, info.name());
    }
  }

  /**
   * One raw object per partition of {@code rides} and day, named like the sink's (offsets from
   * {@code firstOffset}), uploaded to the benchmark's raw bucket.
   */
  private static void writeRaw(
      SparkSession spark, S3Client s3, Dataset<Row> rides, Path raw, long firstOffset)
      throws Exception {
    Path staging = raw.resolveSibling("spark-generated");
    rides
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("raw_date")
        .parquet(staging.toUri().toString());
    int partition = 0;
    try (var dates = Files.list(staging)) {
      for (Path dateDirectory : dates.filter(Files::isDirectory).sorted().toList()) {
        String date = dateDirectory.getFileName().toString().substring("raw_date=".length());
        long offset = firstOffset;
        for (Path part : RawRideFiles.partFiles(dateDirectory)) {
          String key = RawRideFiles.key(RAW_TOPIC, date, partition % 3, offset);
          offset += 1_000_000;
          Path local = raw.resolve(key);
          Files.createDirectories(local.getParent());
          Files.move(part, local);
          s3.putObject(b -> b.bucket(RAW_BUCKET).key(key), local);
        }
        partition++;
      }
    }
    RawRideFiles.deleteTree(staging);
  }

  private static void emptyBucket(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
      s3.createBucket(b -> b.bucket(bucket));
      return;
    }
    List<ObjectIdentifier> keys = new ArrayList<>();
    for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      keys.add(ObjectIdentifier.builder().key(object.key()).build());
    }
    for (int start = 0; start < keys.size(); start += 1000) {
      List<ObjectIdentifier> chunk = keys.subList(start, Math.min(keys.size(), start + 1000));
      s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(chunk).quiet(true)));
    }
  }
}
