package dev.taxiplatform.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.orchestrator.engine.EngineTestAccess;
import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestratorWebTest {
  @TempDir Path directory;
  private EngineTestAccess harness;
  private OrchestratorWeb web;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final java.util.concurrent.atomic.AtomicBoolean ready =
      new java.util.concurrent.atomic.AtomicBoolean();
  private PipelineDefinition pipeline;

  @BeforeEach
  void setUp() {
    harness = new EngineTestAccess(directory);
    pipeline =
        harness.pipeline(
            """
            pipeline: %name%
            description: Two steps
            schedule: "0 3 * * *"
            tasks:
              first: {command: ["sh", "-c", "echo hello from first"]}
              second: {command: ["sh", "-c", "echo bye"], depends_on: first, retries: 2}
            """);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("taxi_orchestrator_probe_total").increment();
    web =
        OrchestratorWeb.start(
            "127.0.0.1",
            0,
            Map.of(pipeline.name(), pipeline),
            harness.store(),
            registry,
            () -> true,
            ready::get,
            Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    web.close();
    harness.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + web.port() + path);
  }

  @Test
  void pipelinesRunsTriggersAndLogsOverRest() throws Exception {
    JsonNode pipelines = json.readTree(get("/api/pipelines").body());
    assertThat(pipelines).hasSize(1);
    JsonNode described = pipelines.get(0);
    assertThat(described.get("name").asText()).isEqualTo(pipeline.name());
    assertThat(described.get("schedule").asText()).isEqualTo("0 3 * * *");
    assertThat(described.get("tasks")).hasSize(2);
    assertThat(described.get("tasks").get(1).get("dependsOn").get(0).asText()).isEqualTo("first");
    assertThat(described.get("tasks").get(1).get("retries").asInt()).isEqualTo(2);

    HttpResponse<String> triggered =
        http.send(
            HttpRequest.newBuilder(uri("/api/pipelines/" + pipeline.name() + "/runs"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(triggered.statusCode()).isEqualTo(201);
    long runId = json.readTree(triggered.body()).get("id").asLong();
    assertThat(json.readTree(triggered.body()).get("state").asText()).isEqualTo("queued");

    harness.runToCompletion(runId, Duration.ofSeconds(60));

    JsonNode runs = json.readTree(get("/api/pipelines/" + pipeline.name() + "/runs").body());
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("id").asLong()).isEqualTo(runId);
    assertThat(runs.get(0).get("state").asText()).isEqualTo("success");
    assertThat(runs.get(0).get("trigger").asText()).isEqualTo("manual");
    assertThat(runs.get(0).get("tasks"))
        .extracting(t -> t.get("state").asText())
        .containsOnly("success");

    JsonNode run = json.readTree(get("/api/runs/" + runId).body());
    assertThat(run.get("tasks")).hasSize(2);
    JsonNode attempts = json.readTree(get("/api/runs/" + runId + "/tasks/first/attempts").body());
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).get("exitCode").asInt()).isZero();
    assertThat(attempts.get(0).get("executor").asText()).isEqualTo("local");

    HttpResponse<String> log = get("/api/runs/" + runId + "/tasks/first/logs");
    assertThat(log.statusCode()).isEqualTo(200);
    assertThat(log.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(log.body()).contains("hello from first");
  }

  @Test
  void readinessWaitsForTheDatabaseWhileLivenessAnswersAtOnce() throws Exception {
    HttpResponse<String> notReady = get("/health/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("{\"status\":\"DOWN\"}");
    for (String live : new String[] {"/health", "/health/live"}) {
      HttpResponse<String> answer = get(live);
      assertThat(answer.statusCode()).as(live).isEqualTo(200);
      assertThat(answer.body()).as(live).isEqualTo("{\"status\":\"UP\"}");
    }

    ready.set(true);

    HttpResponse<String> nowReady = get("/health/ready");
    assertThat(nowReady.statusCode()).isEqualTo(200);
    assertThat(nowReady.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void unknownThingsAre404WithAMessageAndHealthAndMetricsAnswer() throws Exception {
    HttpResponse<String> missing = get("/api/pipelines/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json.readTree(missing.body()).get("error").asText()).isEqualTo("No pipeline nope");
    assertThat(get("/api/runs/999999999").statusCode()).isEqualTo(404);
    assertThat(get("/api/runs/abc").statusCode()).isEqualTo(404);

    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    assertThat(get("/metrics").body()).contains("taxi_orchestrator_probe_total 1.0");

    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Taxi Platform · Orchestrator</title>");
    assertThat(get("/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(200);
  }
}
