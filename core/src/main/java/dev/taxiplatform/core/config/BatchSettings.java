package dev.taxiplatform.core.config;

import dev.taxiplatform.core.ride.BusinessCalendar;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the batch job ({@code platform batch}): where Spark runs and how it sizes its work.
 *
 * @param master the Spark master URL ({@code local[*]}, {@code spark://…}, {@code k8s://…})
 * @param shufflePartitions partitions of Spark's shuffles (deduplication, aggregates)
 * @param maxRowsPerFile the most rows one processed Parquet file holds
 * @param onCorrupt what to do with a raw object that is not readable Parquet
 * @param timeZone the business time zone the calendar fields are derived in ({@link
 *     PlatformSettings#TIME_ZONE})
 * @param rideIdSnapshotFiles rides files of one event date since the date's last ride-id snapshot,
 *     the run's own included, at which a run writes a new one
 * @param smallRunMaxMegabytes the most raw megabytes of a small run (rows kept in memory, outputs
 *     written side by side)
 */
public record BatchSettings(
    String master,
    int shufflePartitions,
    int maxRowsPerFile,
    OnCorrupt onCorrupt,
    ZoneId timeZone,
    int rideIdSnapshotFiles,
    int smallRunMaxMegabytes) {
  /** What the batch job does with a raw object that is not readable Parquet. */
  public enum OnCorrupt {
    /** Report the object by name, leave it unprocessed, and go on with the others. */
    SKIP,
    /** Report the object by name and fail the run (exit code 1) before writing anything. */
    FAIL
  }

  /** The batch service's name: its command, and its service name in the local stack. */
  public static final String SERVICE_NAME = "batch-service";

  public static final ConfigKey<String> MASTER =
      ConfigKey.builder("batch.master", ValueTypes.text())
          .env("SPARK_MASTER")
          .defaultValue("local[*]")
          .description(
              "Spark master of the batch job: local[*] runs Spark inside the command's own process.")
          .build();

  public static final ConfigKey<Integer> SHUFFLE_PARTITIONS =
      ConfigKey.builder("batch.shuffle-partitions", ValueTypes.integer(1, 100_000))
          .env("BATCH_SHUFFLE_PARTITIONS")
          .defaultValue(4)
          .description(
              "Partitions of the batch job's shuffles (a large run deduplicates its rides, whole"
                  + " dates to a partition, in twice as many), and the least number of splits it"
                  + " reads the raw objects in (Spark's 200 suits clusters, not laptops).")
          .build();

  public static final ConfigKey<Integer> MAX_ROWS_PER_FILE =
      ConfigKey.builder("batch.max-rows-per-file", ValueTypes.integer(1_000, 100_000_000))
          .env("BATCH_MAX_ROWS_PER_FILE")
          .defaultValue(1_000_000)
          .description("Most rides in one processed Parquet file (about 65 MB per million).")
          .build();

  public static final ConfigKey<OnCorrupt> ON_CORRUPT =
      ConfigKey.builder("batch.on-corrupt", onCorruptType())
          .env("BATCH_ON_CORRUPT")
          .defaultValue(OnCorrupt.SKIP)
          .description(
              "A raw object that is not readable Parquet: skip (report it, process the rest) or"
                  + " fail (exit code 1).")
          .build();

  public static final ConfigKey<Integer> RIDE_ID_SNAPSHOT_FILES =
      ConfigKey.builder("batch.ride-id-snapshot-files", ValueTypes.integer(1, 100_000))
          .env("BATCH_RIDE_ID_SNAPSHOT_FILES")
          .defaultValue(16)
          .description(
              "Rides files of one event date since its last ride-id snapshot, the run's own"
                  + " included, at which a run writes a new snapshot of the date's ride ids, read"
                  + " instead of those files to drop rides seen before (a date of many small runs"
                  + " stays quick to check).")
          .build();

  public static final ConfigKey<Integer> SMALL_RUN_MAX_MB =
      ConfigKey.builder("batch.small-run-max-mb", ValueTypes.integer(0, 1_000_000))
          .env("BATCH_SMALL_RUN_MAX_MB")
          .defaultValue(32)
          .description(
              "A run whose raw objects total at most this many MB (about 600k rows at 32) keeps its"
                  + " classified rows and rides in memory and writes all its outputs side by side,"
                  + " reading local copies with a local Spark master; a larger run writes its rides"
                  + " in the job that deduplicates them. Raise it with the batch JVM's heap; 0 makes"
                  + " every run a large one.")
          .build();

  /** Read by {@code platform batch} alone, so not part of the job's settings. */
  public static final ConfigKey<URI> SERVICE_URL =
      ConfigKey.builder("batch.service-url", ValueTypes.httpUrl())
          .env("BATCH_SERVICE_URL")
          .description(
              "Batch service (platform batch-service) that platform batch sends its runs to; unset:"
                  + " the local stack's, when it runs one (else Spark runs in the command's process).")
          .build();

  public static final List<ConfigKey<?>> KEYS =
      List.of(
          MASTER,
          SHUFFLE_PARTITIONS,
          MAX_ROWS_PER_FILE,
          ON_CORRUPT,
          RIDE_ID_SNAPSHOT_FILES,
          SMALL_RUN_MAX_MB,
          SERVICE_URL);

  /** The batch settings of {@code config}. */
  public static BatchSettings from(PlatformConfig config) {
    return new BatchSettings(
        config.get(MASTER),
        config.get(SHUFFLE_PARTITIONS),
        config.get(MAX_ROWS_PER_FILE),
        config.get(ON_CORRUPT),
        config.get(PlatformSettings.TIME_ZONE),
        config.get(RIDE_ID_SNAPSHOT_FILES),
        config.get(SMALL_RUN_MAX_MB));
  }

  /** These settings with {@code onCorrupt} instead. */
  public BatchSettings withOnCorrupt(OnCorrupt onCorrupt) {
    return new BatchSettings(
        master,
        shufflePartitions,
        maxRowsPerFile,
        onCorrupt,
        timeZone,
        rideIdSnapshotFiles,
        smallRunMaxMegabytes);
  }

  /** These settings with {@code smallRunMaxMegabytes} instead. */
  public BatchSettings withSmallRunMaxMegabytes(int smallRunMaxMegabytes) {
    return new BatchSettings(
        master,
        shufflePartitions,
        maxRowsPerFile,
        onCorrupt,
        timeZone,
        rideIdSnapshotFiles,
        smallRunMaxMegabytes);
  }

  /** The most bytes of raw objects of a small run. */
  public long smallRunMaxBytes() {
    return (long) smallRunMaxMegabytes << 20;
  }

  /** The business calendar the calendar fields of processed rides follow. */
  public BusinessCalendar calendar() {
    return new BusinessCalendar(timeZone);
  }

  private static ValueType<OnCorrupt> onCorruptType() {
    return new ValueType<>() {
      @Override
      public OnCorrupt parse(String raw) {
        try {
          return OnCorrupt.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("not skip or fail", e);
        }
      }

      @Override
      public String allowed() {
        return "skip or fail";
      }

      @Override
      public String format(OnCorrupt value) {
        return value.name().toLowerCase(Locale.ROOT);
      }
    };
  }
}
