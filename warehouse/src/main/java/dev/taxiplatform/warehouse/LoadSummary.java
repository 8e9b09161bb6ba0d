package dev.taxiplatform.warehouse;

import dev.taxiplatform.core.cli.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one load did.
 *
 * @param schemaVersion the warehouse schema version after migrations
 * @param migrationsApplied migrations applied by this run
 * @param files processed rides files loaded
 * @param batches transactions that loaded them
 * @param rowsRead rides read from those files
 * @param rowsInserted rides inserted into {@code staging.stg_rides}
 * @param aggregatesRun the batch run whose aggregates were loaded, or 0 when they were current
 * @param rowsQuarantined rows read but set aside in {@code platform.quarantined_rides}
 * @param durationSeconds wall-clock time of the load
 */
public record LoadSummary(
    String schemaVersion,
    int migrationsApplied,
    int files,
    int batches,
    long rowsRead,
    long rowsInserted,
    long aggregatesRun,
    long rowsQuarantined,
    double durationSeconds) {

  /** Rides already in the warehouse, skipped. */
  public long duplicatesSkipped() {
    return rowsRead - rowsInserted - rowsQuarantined;
  }

  public double rowsPerSecond() {
    return durationSeconds <= 0 ? 0 : rowsRead / durationSeconds;
  }

  /** The figures under the platform's metric names, for the JSON summary. */
  public Map<String, Object> metrics() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("taxi_loader_files_loaded_total", files);
    metrics.put("taxi_loader_rows_read_total", rowsRead);
    metrics.put("taxi_loader_rows_inserted_total", rowsInserted);
    metrics.put("taxi_loader_duplicates_skipped_total", duplicatesSkipped());
    metrics.put("taxi_loader_rows_quarantined_total", rowsQuarantined);
    metrics.put("taxi_loader_duration_seconds", durationSeconds);
    metrics.put("taxi_loader_rows_per_second", rowsPerSecond());
    return metrics;
  }

  public String render() {
    StringBuilder text = new StringBuilder();
    text.append(
        files == 0 && aggregatesRun == 0
            ? "Load: the warehouse is up to date.%n".formatted()
            : "Load done.%n".formatted());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"figure", "value"});
    rows.add(new String[] {"schema version", schemaVersion});
    rows.add(row("migrations applied", migrationsApplied));
    rows.add(row("files loaded", files));
    rows.add(row("transactions", batches));
    rows.add(row("rows read", rowsRead));
    rows.add(row("rows inserted", rowsInserted));
    rows.add(row("duplicates skipped", duplicatesSkipped()));
    rows.add(row("rows quarantined", rowsQuarantined));
    rows.add(
        new String[] {
          "aggregates loaded", aggregatesRun == 0 ? "already current" : "batch run " + aggregatesRun
        });
    rows.add(new String[] {"duration", "%.1f s".formatted(durationSeconds)});
    rows.add(new String[] {"rows/s", "%,.0f".formatted(rowsPerSecond())});
    text.append(TextTable.render(rows));
    return text.toString();
  }

  private static String[] row(String label, long value) {
    return new String[] {label, "%,d".formatted(value)};
  }
}
