package dev.taxiplatform.core.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taxiplatform.core.cli.TextTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's figures, each with the reference measured in the same run: printed as a table and
 * written as {@code bench-results/<name>.json} in the data directory, so runs can be compared.
 */
public final class BenchReport {
  private final String name;
  private final List<Result> results = new ArrayList<>();

  public BenchReport(String name) {
    this.name = requireNonNull(name, "name");
  }

  /**
   * One figure.
   *
   * @param metric what was measured, e.g. {@code producer_events_per_second}
   * @param value the figure
   * @param unit its unit
   * @param referenceMetric what it is compared with, or null
   * @param referenceValue the reference's figure (NaN without a reference)
   */
  public record Result(
      String metric, double value, String unit, String referenceMetric, double referenceValue) {
    public Result {
      requireNonNull(metric, "metric");
      requireNonNull(unit, "unit");
    }

    /** value / reference, or NaN without a reference. */
    public double ratio() {
      return referenceMetric == null || referenceValue == 0 ? Double.NaN : value / referenceValue;
    }
  }

  public BenchReport add(String metric, double value, String unit) {
    results.add(new Result(metric, value, unit, null, Double.NaN));
    return this;
  }

  public BenchReport add(
      String metric, double value, String unit, String referenceMetric, double referenceValue) {
    results.add(new Result(metric, value, unit, referenceMetric, referenceValue));
    return this;
  }

  public List<Result> results() {
    return List.copyOf(results);
  }

  /** The figures as a table for people. */
  public String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"METRIC", "VALUE", "UNIT", "REFERENCE", "REF VALUE", "RATIO"});
    for (Result r : results) {
      rows.add(
          new String[] {
            r.metric(),
            format(r.value()),
            r.unit(),
            r.referenceMetric() == null ? "" : r.referenceMetric(),
            r.referenceMetric() == null ? "" : format(r.referenceValue()),
            Double.isNaN(r.ratio()) ? "" : "%.2f".formatted(r.ratio())
          });
    }
    return TextTable.render(rows);
  }

  /** Writes {@code <dataDir>/bench-results/<name>.json}; returns its path. */
  public Path write(Path dataDir) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("name", name);
    ObjectNode machine = root.putObject("machine");
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memory_gb", Math.round(totalMemoryBytes() / 1e9 * 10) / 10.0);
    ArrayNode array = root.putArray("results");
    for (Result r : results) {
      ObjectNode node = array.addObject();
      node.put("metric", r.metric());
      node.put("value", r.value());
      node.put("unit", r.unit());
      if (r.referenceMetric() == null) {
        node.putNull("reference_metric");
        node.putNull("reference_value");
        node.putNull("ratio");
      } else {
        node.put("reference_metric", r.referenceMetric());
        node.put("reference_value", r.referenceValue());
        node.put("ratio", Math.round(r.ratio() * 1000) / 1000.0);
      }
    }
    Path file = dataDir.resolve("bench-results").resolve(name + ".json");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json.writeValueAsString(root) + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return file;
  }

  private static long totalMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }

  private static String format(double value) {
    if (Math.abs(value) >= 100) {
      return "%,.0f".formatted(value);
    }
    return "%.3f".formatted(value);
  }
}
