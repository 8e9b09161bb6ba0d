package dev.taxiplatform.batch;

import dev.taxiplatform.core.config.BatchSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A first run of the batch job's queries on a few synthetic rides in local files, so that a new
 * session's first real run does not pay for loading, compiling and optimising Spark's code: the
 * same data sets as a run, written as Parquet to a scratch directory that is deleted afterwards.
 * Two runs: a first one, and a later one that reads the first's rides and snapshots.
 */
final class BatchWarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWarmUp.class);
  private static final long ROWS = 500;

  private final SparkSession spark;
  private final BatchSettings settings;

  BatchWarmUp(SparkSession spark, BatchSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** Runs the warm-up in a fresh directory under {@code scratch}; returns its duration (s). */
  double run(Path scratch) {
    long start = System.nanoTime();
    Path directory;
    try {
      directory = Files.createTempDirectory(scratch, "warm-up");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RunBlocks kept = RunBlocks.track(spark);
    try {
      firstRun(directory);
    } finally {
      kept.close();
      try {
        BatchCommand.deleteRecursively(directory);
      } catch (RuntimeException e) {
        LOG.warn("Could not delete the warm-up directory {}: {}", directory, e.getMessage());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("Spark warmed up in {}", "%.1f s".formatted(seconds));
    return seconds;
  }

  /** A first run's queries (no prior rides, no previous snapshots), then a later run's. */
  private void firstRun(Path directory) {
    Dataset<Row> zones = ZoneLookup.dataset(spark);
    run(directory, "first", SyntheticRides.generate(spark, ROWS), zones, false);
    // Half the same rides again and half new: deduplicated against the first run's rides and
    // merged into its snapshots.
    run(directory, "later", SyntheticRides.generate(spark, ROWS / 2, ROWS), zones, true);
  }

  /**
   * One run's queries on {@code synthetic} rides, against the first run's rides and snapshots when
   * {@code later}.
   */
  private void run(
      Path directory, String name, Dataset<Row> synthetic, Dataset<Row> zones, boolean later) {
    String raw = uri(directory.resolve("raw-" + name));
    synthetic.drop("raw_date").coalesce(1).write().parquet(raw);
    Dataset<Row> rawRows = RideDatasets.readRaw(spark, raw);
    Dataset<Row> newRides =
        RideDatasets.newRides(
            RideDatasets.classified(rawRows, zones, new Observation("warm-up-classified")),
            settings.calendar());
    String ridesRoot = uri(directory.resolve("rides"));
    Dataset<Row> candidates = newRides;
    if (later) {
      String[] dates =
          RideDatasets.eventDates(rawRows, settings.calendar()).stream()
              .map(date -> ridesRoot + "/event_date=" + date)
              .toArray(String[]::new);
      candidates =
          newRides.unionByName(RideDatasets.prior(spark, newRides, ridesRoot, dates), true);
    }
    Dataset<Row> rides =
        RideDatasets.firstCopies(
            candidates, settings.shufflePartitions(), new Observation("warm-up-written"));
    rides.write().mode(SaveMode.Append).partitionBy("event_date").parquet(ridesRoot);
    ConcurrentWrites<Boolean> writes = new ConcurrentWrites<>();
    Dataset<Row> quarantined = RideDatasets.quarantined(rawRows, zones);
    writes.add(
        "quarantine",
        () -> {
          quarantined.write().parquet(uri(directory.resolve("quarantine-" + name)));
          return true;
        });
    for (RideAggregates aggregate : RideAggregates.ALL) {
      Optional<Dataset<Row>> previous =
          later
              ? Optional.of(
                  RideDatasets.snapshot(
                      spark, aggregate, rides, uri(directory.resolve(aggregate.name() + "-first"))))
              : Optional.empty();
      Dataset<Row> snapshot = aggregate.snapshot(rides, previous);
      writes.add(
          aggregate.name(),
          () -> {
            snapshot
                .coalesce(1)
                .write()
                .parquet(uri(directory.resolve(aggregate.name() + "-" + name)));
            return true;
          });
    }
    writes.run();
  }

  /** A local path's URI, without the trailing slash an existing directory's has. */
  private static String uri(Path path) {
    String uri = path.toUri().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
