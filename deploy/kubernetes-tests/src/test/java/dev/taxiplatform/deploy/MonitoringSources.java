package dev.taxiplatform.deploy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The alert rules and dashboards of {@code deploy/monitoring/} (the source) and the chart's copy of
 * them under {@code monitoring/} (Helm reads no file outside the chart's directory).
 */
record MonitoringSources(Path source, Path chartCopy) {
  MonitoringSources {
    requireNonNull(source, "source");
    requireNonNull(chartCopy, "chartCopy");
  }

  static MonitoringSources ofProject(ChartRenderer renderer) {
    return new MonitoringSources(
        Path.of(System.getProperty("monitoring.dir", "../monitoring")),
        renderer.chart().resolve("monitoring"));
  }

  /** The rule files, relative to the source directory (rules/*.yml). */
  List<Path> ruleFiles() {
    return files(source, "rules", ".yml");
  }

  /** The dashboard files, relative to the source directory (dashboards/*.json). */
  List<Path> dashboardFiles() {
    return files(source, "dashboards", ".json");
  }

  /** The PostgreSQL exporter's query files (postgres-exporter/*.yaml). */
  List<Path> exporterQueryFiles() {
    return files(source, "postgres-exporter", ".yaml");
  }

  /** The Kafka broker's JMX exporter rules (kafka/*.yaml). */
  List<Path> kafkaExporterFiles() {
    return files(source, "kafka", ".yaml");
  }

  /** Every source file the chart must hold a copy of. */
  List<Path> copiedSourceFiles() {
    return Stream.of(ruleFiles(), dashboardFiles(), exporterQueryFiles(), kafkaExporterFiles())
        .flatMap(List::stream)
        .toList();
  }

  /** The chart copy's files of the same kinds. */
  List<Path> copiedFiles() {
    return Stream.of(
            files(chartCopy, "rules", ".yml"),
            files(chartCopy, "dashboards", ".json"),
            files(chartCopy, "postgres-exporter", ".yaml"),
            files(chartCopy, "kafka", ".yaml"))
        .flatMap(List::stream)
        .toList();
  }

  String read(Path base, Path relative) {
    try {
      return Files.readString(base.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(Path base, String directory, String suffix) {
    try (Stream<Path> files = Files.list(base.resolve(directory))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .map(base::relativize)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
