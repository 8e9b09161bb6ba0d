package dev.taxiplatform.batch;

import dev.taxiplatform.core.config.BatchSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two runs of the batch job's queries on a few synthetic rides in local files, so that a new
 * session's first real run does not pay for loading, compiling and optimising Spark's code: the
 * same data sets as a run (a first run, then one deduplicating against it and merging its
 * aggregates), written as Parquet to a scratch directory that is deleted afterwards.
 */
final class BatchWarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWarmUp.class);
  private static final long ROWS_PER_RUN = 500;

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
      String ridesPath = directory.resolve("rides").toUri().toString();
      Map<String, Dataset<Row>> snapshots = runOnce(directory, 1, Optional.empty(), Map.of());
      runOnce(
          directory,
          2,
          Optional.of(RideDatasets.prior(spark.read().parquet(ridesPath))),
          snapshots);
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

  /** One run's queries; returns the aggregates' snapshots by name, the next run's previous. */
  private Map<String, Dataset<Row>> runOnce(
      Path directory,
      int run,
      Optional<Dataset<Row>> prior,
      Map<String, Dataset<Row>> previousSnapshots) {
    Path raw = directory.resolve("raw-" + run);
    SyntheticRides.generate(spark, run * ROWS_PER_RUN, ROWS_PER_RUN)
        .drop("raw_date")
        .coalesce(1)
        .write()
        .parquet(raw.toUri().toString());
    Dataset<Row> rawRows = RideDatasets.readRaw(spark, raw.toUri().toString());
    Dataset<Row> zones = ZoneLookup.dataset(spark);
    Dataset<Row> newRides =
        RideDatasets.newRides(
            RideDatasets.classified(rawRows, zones, new Observation("warm-up-classified")),
            settings.calendar());
    Dataset<Row> rides =
        RideDatasets.firstCopies(
            prior.map(p -> newRides.unionByName(p, true)).orElse(newRides),
            settings.shufflePartitions(),
            new Observation("warm-up-written"));
    rides
        .write()
        .mode(SaveMode.Append)
        .partitionBy("event_date")
        .parquet(directory.resolve("rides").toUri().toString());
    RideDatasets.quarantined(rawRows, zones)
        .write()
        .parquet(directory.resolve("quarantine-" + run).toUri().toString());
    Map<String, Dataset<Row>> snapshots = new HashMap<>();
    for (RideAggregates aggregate : RideAggregates.ALL) {
      String path = directory.resolve(aggregate.name() + "-" + run).toUri().toString();
      aggregate
          .snapshot(rides, Optional.ofNullable(previousSnapshots.get(aggregate.name())))
          .coalesce(1)
          .write()
          .parquet(path);
      snapshots.put(aggregate.name(), spark.read().parquet(path));
    }
    return snapshots;
  }
}
