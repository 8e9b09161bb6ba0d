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
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A first run of the batch job's queries on a few synthetic rides in local files, so that a new
 * session's first real run does not pay for loading, compiling and optimising Spark's code: the
 * same data sets as a run, written as Parquet to a scratch directory that is deleted afterwards.
 * (An incremental run's few other queries are compiled by the first incremental run.)
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
      firstRun(directory, kept);
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

  /** A first run's queries: no prior rides, no previous snapshots. */
  private void firstRun(Path directory, RunBlocks kept) {
    Path raw = directory.resolve("raw");
    SyntheticRides.generate(spark, ROWS)
        .drop("raw_date")
        .coalesce(1)
        .write()
        .parquet(raw.toUri().toString());
    Dataset<Row> rawRows = RideDatasets.readRaw(spark, raw.toUri().toString());
    Dataset<Row> classified = kept.persist(RideRules.classify(rawRows));
    Dataset<Row> rides =
        RideDatasets.kept(
            RideDatasets.firstCopies(
                RideDatasets.newRides(
                    RideDatasets.counted(classified, new Observation("warm-up-classified")),
                    settings.calendar()),
                null,
                false,
                settings.shufflePartitions(),
                true,
                new Observation("warm-up-written")));
    RideDatasets.byDate(rides, settings.shufflePartitions())
        .write()
        .partitionBy("event_date")
        .parquet(directory.resolve("rides").toUri().toString());
    RideDatasets.quarantined(classified, new Observation("warm-up-quarantined"))
        .write()
        .parquet(directory.resolve("quarantine").toUri().toString());
    for (RideAggregates aggregate : RideAggregates.ALL) {
      aggregate
          .snapshot(rides, Optional.empty())
          .coalesce(1)
          .write()
          .parquet(directory.resolve(aggregate.name()).toUri().toString());
    }
  }
}
