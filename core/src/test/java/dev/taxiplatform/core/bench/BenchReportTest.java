package dev.taxiplatform.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  @TempDir Path dataDir;

  @Test
  void writesTheConventionalJsonAndATable() throws Exception {
    BenchReport report =
        new BenchReport("ingest")
            .add(
                "producer_events_per_second",
                50_000,
                "events/s",
                "kafka_producer_performance",
                80_000)
            .add("end_to_end_latency_p50", 1.25, "s");

    Path file = report.write(dataDir);

    assertThat(file).isEqualTo(dataDir.resolve("bench-results/ingest.json"));
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.get("name").asText()).isEqualTo("ingest");
    assertThat(json.get("machine").get("cores").asInt())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(json.get("machine").get("memory_gb").asDouble()).isPositive();
    JsonNode first = json.get("results").get(0);
    assertThat(first.get("metric").asText()).isEqualTo("producer_events_per_second");
    assertThat(first.get("value").asDouble()).isEqualTo(50_000);
    assertThat(first.get("reference_value").asDouble()).isEqualTo(80_000);
    assertThat(first.get("ratio").asDouble()).isEqualTo(0.625);
    assertThat(json.get("results").get(1).get("ratio").isNull()).isTrue();
    assertThat(report.table())
        .contains("producer_events_per_second  50,000  events/s")
        .contains("0.63")
        .contains("end_to_end_latency_p50      1.250");
  }
}
