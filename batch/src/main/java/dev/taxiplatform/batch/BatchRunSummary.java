package dev.taxiplatform.batch;

import dev.taxiplatform.core.cli.TextTable;
import dev.taxiplatform.core.processed.BatchManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch run did.
 *
 * @param sequence the committed run's number; 0 when there was nothing to commit
 * @param fullRefresh whether it reprocessed every raw object
 * @param rawObjectsListed raw objects in the raw bucket
 * @param rawObjectsRead raw objects it read (new or changed since the last run)
 * @param corruptObjects raw objects it could not read, with the reason (left unprocessed)
 * @param rawRowsRead rows in the objects read
 * @param quarantinedByRule rows quarantined per rule (every rule, in rule order)
 * @param duplicatesDropped valid rows dropped as rides already seen (this run or earlier)
 * @param ridesWritten rides written
 * @param ridesFiles rides files written
 * @param ridesBytes bytes of rides files written
 * @param garbageFilesRemoved files of failed or superseded runs removed
 * @param durationSeconds wall-clock time of the run
 */
public record BatchRunSummary(
    long sequence,
    boolean fullRefresh,
    int rawObjectsListed,
    int rawObjectsRead,
    List<BatchManifest.CorruptObject> corruptObjects,
    long rawRowsRead,
    Map<String, Long> quarantinedByRule,
    long duplicatesDropped,
    long ridesWritten,
    int ridesFiles,
    long ridesBytes,
    int garbageFilesRemoved,
    double durationSeconds) {
  public BatchRunSummary {
    corruptObjects = List.copyOf(corruptObjects);
    quarantinedByRule =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quarantinedByRule));
  }

  /** Rows quarantined, all rules together. */
  public long quarantined() {
    return quarantinedByRule.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rides written per second of the run. */
  public double ridesPerSecond() {
    return durationSeconds <= 0 ? 0 : ridesWritten / durationSeconds;
  }

  /** The figures under the platform's metric names, for the JSON summary. */
  public Map<String, Object> metrics() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("taxi_batch_raw_objects_read_total", rawObjectsRead);
    metrics.put("taxi_batch_raw_objects_corrupt_total", corruptObjects.size());
    metrics.put("taxi_batch_raw_rows_read_total", rawRowsRead);
    metrics.put("taxi_batch_rows_quarantined_total", quarantined());
    metrics.put("taxi_batch_duplicates_dropped_total", duplicatesDropped);
    metrics.put("taxi_batch_rides_written_total", ridesWritten);
    metrics.put("taxi_batch_duration_seconds", durationSeconds);
    return metrics;
  }

  /** The summary as printed at the end of a run. */
  public String render() {
    StringBuilder text = new StringBuilder();
    text.append(
        sequence == 0
            ? "Batch run: nothing new to process.%n".formatted()
            : "Batch run %d committed%s.%n"
                .formatted(sequence, fullRefresh ? " (full refresh)" : ""));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"figure", "value"});
    rows.add(row("raw objects listed", rawObjectsListed));
    rows.add(row("raw objects read", rawObjectsRead));
    rows.add(row("raw objects corrupt (skipped)", corruptObjects.size()));
    rows.add(row("raw rows read", rawRowsRead));
    rows.add(row("rows quarantined", quarantined()));
    quarantinedByRule.forEach(
        (rule, count) -> {
          if (count > 0) {
            rows.add(row("  " + rule, count));
          }
        });
    rows.add(row("duplicates dropped", duplicatesDropped));
    rows.add(row("rides written", ridesWritten));
    rows.add(row("rides files written", ridesFiles));
    rows.add(new String[] {"rides bytes written", "%,d".formatted(ridesBytes)});
    rows.add(row("files of failed/superseded runs removed", garbageFilesRemoved));
    rows.add(new String[] {"duration", "%.1f s".formatted(durationSeconds)});
    rows.add(new String[] {"rides/s", "%,.0f".formatted(ridesPerSecond())});
    text.append(TextTable.render(rows));
    for (BatchManifest.CorruptObject corrupt : corruptObjects) {
      text.append("  corrupt raw object %s: %s%n".formatted(corrupt.key(), corrupt.error()));
    }
    return text.toString();
  }

  private static String[] row(String label, long value) {
    return new String[] {label, "%,d".formatted(value)};
  }
}
