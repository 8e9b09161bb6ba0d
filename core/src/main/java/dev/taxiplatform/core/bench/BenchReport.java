package dev.taxiplatform.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.taxiplatform.core.cli.TextTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's report: a table for people and {@code bench-results/<name>.json} in the data
 * directory for comparing runs, in the format DESIGN.md's conventions define.
 */
public final class BenchReport {
  private BenchReport() {}

  /** The results as a table. */
  public static String render(String name, List<BenchResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"metric", "value", "unit", "reference", "reference value", "ratio"});
    for (BenchResult result : results) {
      rows.add(
          new String[] {
            result.metric(),
            "%,.0f".formatted(result.value()),
            result.unit(),
            result.referenceMetric(),
            "%,.0f".formatted(result.referenceValue()),
            "%.2f".formatted(result.ratio())
          });
    }
    return "Benchmark %s on %d cores, %d GB:%n".formatted(name, cores(), memoryGb())
        + TextTable.render(rows);
  }

  /** Writes {@code <dataDir>/bench-results/<name>.json}; returns its path. */
  public static Path write(Path dataDir, String name, List<BenchResult> results)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("machine", Map.of("cores", cores(), "memory_gb", memoryGb()));
    List<Map<String, Object>> entries = new ArrayList<>();
    for (BenchResult result : results) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("metric", result.metric());
      entry.put("value", result.value());
      entry.put("unit", result.unit());
      entry.put("reference_metric", result.referenceMetric());
      entry.put("reference_value", result.referenceValue());
      entry.put("ratio", result.ratio());
      entries.add(entry);
    }
    json.put("results", entries);
    Path file = dataDir.resolve("bench-results").resolve(name + ".json");
    Files.createDirectories(file.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    return file;
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static long memoryGb() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
    }
    return 0;
  }
}
