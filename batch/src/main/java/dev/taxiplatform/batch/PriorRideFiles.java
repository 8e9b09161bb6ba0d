package dev.taxiplatform.batch;

import dev.taxiplatform.core.processed.BatchLedger;
import dev.taxiplatform.core.processed.BatchManifest;
import dev.taxiplatform.core.processed.BatchManifest.OutputFile;
import dev.taxiplatform.core.processed.BatchManifest.RideIdSnapshot;
import dev.taxiplatform.core.processed.ProcessedLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the rides the live runs wrote for some event dates are, to drop rides seen before: each
 * date's ride-id snapshot, when the latest run names one, and the date's rides files written after
 * it (every one of them without a snapshot).
 *
 * @param snapshots per date, its current ride-id snapshot
 * @param ridesFiles per date, the rides files its snapshot does not cover
 */
record PriorRideFiles(
    Map<String, RideIdSnapshot> snapshots, Map<String, List<OutputFile>> ridesFiles) {
  static final PriorRideFiles NONE = new PriorRideFiles(Map.of(), Map.of());

  /**
   * The most bytes of files whose ride ids a run broadcasts to look its new rides up in (about a
   * million rides of rides files, more of snapshots): a hash table of a few hundred MB at most.
   */
  static final long BROADCAST_LIMIT_BYTES = 64L << 20;

  /** Those of {@code dates} in {@code ledger}. */
  static PriorRideFiles of(BatchLedger ledger, Set<String> dates) {
    Map<String, RideIdSnapshot> current =
        ledger.latest().map(BatchManifest::rideIds).orElse(Map.of());
    Map<String, RideIdSnapshot> snapshots = new TreeMap<>();
    Map<String, List<OutputFile>> ridesFiles = new TreeMap<>();
    for (String date : dates) {
      if (current.containsKey(date)) {
        snapshots.put(date, current.get(date));
      }
    }
    for (BatchManifest manifest : ledger.live()) {
      for (OutputFile file : manifest.ridesFiles()) {
        String date = ProcessedLayout.eventDateOf(file.key());
        if (date == null || !dates.contains(date)) {
          continue;
        }
        RideIdSnapshot snapshot = snapshots.get(date);
        if (snapshot == null || manifest.sequence() > snapshot.coversUpTo()) {
          ridesFiles.computeIfAbsent(date, d -> new ArrayList<>()).add(file);
        }
      }
    }
    return new PriorRideFiles(snapshots, ridesFiles);
  }

  boolean isEmpty() {
    return snapshots.isEmpty() && ridesFiles.isEmpty();
  }

  /** The size of the files to read. */
  long bytes() {
    long rides =
        ridesFiles.values().stream().flatMap(List::stream).mapToLong(OutputFile::size).sum();
    long snapshotted =
        snapshots.values().stream()
            .flatMap(s -> s.files().stream())
            .mapToLong(OutputFile::size)
            .sum();
    return rides + snapshotted;
  }

  /** Whether the rides are few enough to broadcast ({@link #BROADCAST_LIMIT_BYTES}). */
  boolean broadcastable() {
    return bytes() <= BROADCAST_LIMIT_BYTES;
  }

  /** The keys of the rides files to read. */
  List<String> ridesKeys() {
    return ridesFiles.values().stream().flatMap(List::stream).map(OutputFile::key).toList();
  }

  /**
   * The keys of the files to read, by the prefix above their {@code event_date=} directory, which
   * Spark reads them under: {@code rides/} for the rides files, and one per run that wrote a
   * snapshot.
   */
  Map<String, List<String>> keysByRoot() {
    Map<String, List<String>> byRoot = new TreeMap<>();
    if (!ridesFiles.isEmpty()) {
      byRoot.put(ProcessedLayout.RIDES, ridesKeys());
    }
    for (RideIdSnapshot snapshot : snapshots.values()) {
      for (OutputFile file : snapshot.files()) {
        String root = file.key().substring(0, file.key().indexOf("event_date="));
        byRoot.computeIfAbsent(root, r -> new ArrayList<>()).add(file.key());
      }
    }
    return byRoot;
  }

  /**
   * The dates that reach {@code files} rides files outside their snapshot with the run's own: their
   * new snapshot holds the earlier rides and the run's.
   */
  Set<String> dueForSnapshot(int files) {
    Set<String> due = new TreeSet<>();
    ridesFiles.forEach(
        (date, uncovered) -> {
          if (uncovered.size() + 1 >= files) {
            due.add(date);
          }
        });
    return due;
  }
}
