package dev.taxiplatform.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.bench.BenchReport;
import dev.taxiplatform.core.bench.Percentiles;
import dev.taxiplatform.core.cli.TextTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The freshness benchmark's figures: publication to first visibility in the marts (p50, p99, max)
 * of the sampled rides against the seed's manual run, and each cycle's stage times.
 *
 * @param samples the sampled rides, seen or not
 * @param cycles the continuous pipeline's runs during the benchmark
 * @param publishedPerSecond the rate the producer achieved while sampling
 */
record FreshnessReport(
    List<SampledRide> samples, List<CycleTimes> cycles, double publishedPerSecond) {
  /** The seed's figure: a manual run of its pipeline takes 3 to 4 minutes; its lower bound. */
  static final Duration SEED_MANUAL_RUN = Duration.ofMinutes(3);

  FreshnessReport {
    samples = List.copyOf(requireNonNull(samples, "samples"));
    cycles = List.copyOf(requireNonNull(cycles, "cycles"));
  }

  /** Sampled rides never seen in the marts. */
  List<SampledRide> unseen() {
    return samples.stream().filter(ride -> ride.visibleAt().isEmpty()).toList();
  }

  /** Publication to visibility of the seen rides, in milliseconds. */
  Optional<Percentiles> freshness() {
    long[] millis =
        samples.stream()
            .flatMap(ride -> ride.freshness().stream())
            .mapToLong(Duration::toMillis)
            .toArray();
    return millis.length == 0 ? Optional.empty() : Optional.of(new Percentiles(millis));
  }

  /** The figures, as every benchmark reports them. */
  BenchReport figures() {
    BenchReport report = new BenchReport("freshness");
    double seed = SEED_MANUAL_RUN.toSeconds();
    freshness()
        .ifPresent(
            percentiles -> {
              report.add(
                  "event_to_marts_p50",
                  percentiles.at(0.50) / 1000.0,
                  "s",
                  "seed_manual_run",
                  seed);
              report.add(
                  "event_to_marts_p99",
                  percentiles.at(0.99) / 1000.0,
                  "s",
                  "seed_manual_run",
                  seed);
              report.add("event_to_marts_max", percentiles.max() / 1000.0, "s");
            });
    report.add("rides_sampled", samples.size(), "rides");
    report.add("rides_seen_in_marts", samples.size() - unseen().size(), "rides");
    report.add("publish_rate", publishedPerSecond, "rides/s");
    report.add("cycles", cycles.size(), "runs");
    cycles.stream()
        .mapToLong(cycle -> cycle.total().toMillis())
        .average()
        .ifPresent(mean -> report.add("cycle_mean", mean / 1000.0, "s"));
    return report;
  }

  /** One row per cycle: its run, state, total time and each task's time. */
  String cycleTable() {
    Set<String> tasks = new LinkedHashSet<>();
    cycles.forEach(cycle -> tasks.addAll(cycle.tasks().keySet()));
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("RUN", "STATE", "TOTAL"));
    tasks.forEach(task -> header.add(task.toUpperCase(Locale.ROOT)));
    rows.add(header.toArray(String[]::new));
    for (CycleTimes cycle : cycles) {
      List<String> row = new ArrayList<>();
      row.add("#" + cycle.runId());
      row.add(cycle.state());
      row.add(seconds(cycle.total()));
      for (String task : tasks) {
        Duration time = cycle.tasks().get(task);
        row.add(time == null ? "-" : seconds(time));
      }
      rows.add(row.toArray(String[]::new));
    }
    return TextTable.render(rows);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
