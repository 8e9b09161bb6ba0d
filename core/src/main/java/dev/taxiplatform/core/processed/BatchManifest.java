package dev.taxiplatform.core.processed;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The record of one committed batch run: which raw objects it consumed and which processed files it
 * wrote. Writing it is the run's commit; files no manifest names are never read downstream.
 *
 * @param format the manifest format version (1)
 * @param sequence the run's number, 1, 2, 3, … in commit order
 * @param startedAt when the run started
 * @param committedAt when it committed
 * @param fullRefresh true when the run reprocessed every raw object and superseded all earlier runs
 * @param rawObjects the raw objects it consumed
 * @param corruptObjects raw objects it found unreadable and skipped (they stay unprocessed)
 * @param ridesFiles the rides files it wrote
 * @param quarantineFiles the quarantine files it wrote
 * @param aggregates per aggregate name ({@code zone-stats}, …) the files of the current snapshot
 * @param rideIds per event date ({@code YYYY-MM-DD}) its current ride-id snapshot, carried from run
 *     to run like the aggregates (absent in manifests written before snapshots existed)
 * @param counts what it counted
 */
public record BatchManifest(
    int format,
    long sequence,
    Instant startedAt,
    Instant committedAt,
    boolean fullRefresh,
    List<RawObject> rawObjects,
    List<CorruptObject> corruptObjects,
    List<OutputFile> ridesFiles,
    List<OutputFile> quarantineFiles,
    Map<String, List<OutputFile>> aggregates,
    Map<String, RideIdSnapshot> rideIds,
    Counts counts) {
  public static final int FORMAT = 1;

  public BatchManifest {
    requireNonNull(startedAt, "startedAt");
    requireNonNull(committedAt, "committedAt");
    rawObjects = List.copyOf(rawObjects);
    corruptObjects = List.copyOf(corruptObjects);
    ridesFiles = List.copyOf(ridesFiles);
    quarantineFiles = List.copyOf(quarantineFiles);
    aggregates = Map.copyOf(aggregates);
    rideIds = rideIds == null ? Map.of() : Map.copyOf(rideIds);
    requireNonNull(counts, "counts");
  }

  /**
   * A raw object as it was when consumed.
   *
   * @param key its key in the raw bucket
   * @param etag its ETag (a changed object is consumed again)
   * @param size its size in bytes
   */
  public record RawObject(String key, String etag, long size) {}

  /**
   * A raw object that could not be read.
   *
   * @param key its key in the raw bucket
   * @param error why
   */
  public record CorruptObject(String key, String error) {}

  /**
   * A file written by the run.
   *
   * @param key its key in the processed bucket
   * @param size its size in bytes
   */
  public record OutputFile(String key, long size) {}

  /**
   * The ids of every ride of one event date written by the live runs up to {@code coversUpTo}.
   *
   * @param coversUpTo the last run whose rides of the date it holds
   * @param files its files
   */
  public record RideIdSnapshot(long coversUpTo, List<OutputFile> files) {
    public RideIdSnapshot {
      files = List.copyOf(files);
    }
  }

  /**
   * The run's figures.
   *
   * @param rawRowsRead rows read from the consumed raw objects
   * @param quarantinedByRule rows that failed each rule (a row counts under its first failed rule)
   * @param duplicatesDropped valid rows dropped because their ride was already seen
   * @param ridesWritten rides written
   */
  public record Counts(
      long rawRowsRead,
      Map<String, Long> quarantinedByRule,
      long duplicatesDropped,
      long ridesWritten) {
    public Counts {
      quarantinedByRule = Map.copyOf(quarantinedByRule);
    }
  }
}
