package dev.taxiplatform.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import dev.taxiplatform.orchestrator.engine.TransformTally;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack with {@code --with monitoring}: a real Prometheus scrapes every component with
 * the platform's rules. Malformed rides fire the dead-letter alert; after a pipeline run every
 * metric an alert uses has a sample and every dashboard query answers with data; a sink killed at
 * every restart makes ComponentDown pending, then firing. The rules are the shipped ones with their
 * one-minute {@code for} shortened to {@value #SHORT_FOR} (promtool's unit tests check the shipped
 * durations), so the alerts fire within seconds.
 */
class MonitoringStackTest {
  private static final String PIPELINE = "platform_pipeline";
  private static final String SHORT_FOR = "10s";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> PROMQL_WORDS =
      Set.of("and", "or", "unless", "on", "ignoring", "by", "without", "bool", "offset");

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path directory;

  @Test
  void prometheusSeesEveryComponentAndItsAlertsFire() throws Exception {
    Path pipelines = Files.createDirectories(directory.resolve("pipelines"));
    String shipped =
        Files.readString(PlatformHome.locate().resolve("pipelines").resolve(PIPELINE + ".yaml"));
    Files.writeString(
        pipelines.resolve(PIPELINE + ".yaml"), shipped.replace("wait: 60s", "wait: 5s"));
    // The scheduled pipeline too (paused until unpaused): its schedule and pause are metrics.
    Files.copy(
        PlatformHome.locate().resolve("pipelines").resolve("continuous.yaml"),
        pipelines.resolve("continuous.yaml"));
    String pipelinesFlag = "orchestrator.pipelines-dir=" + pipelines;
    Path dataDir = directory.resolve("stack");

    try (LocalStack stack =
        LocalStack.start(
            dataDir,
            "--with",
            "monitoring",
            "--set",
            pipelinesFlag,
            "--set",
            "monitoring.rules-dir=" + rulesWithShortFor())) {
      PlatformCli cli = stack.cli();
      StackLayout layout = new StackLayout(dataDir);
      URI prometheus = URI.create(service(layout, "prometheus").endpoint());
      assertThat(cli.run("status", "--data-dir", dataDir.toString()).output())
          .contains("prometheus")
          .contains(prometheus.toString());

      // rate() sees a burst only between two samples: wait for the sink's counters at zero first.
      awaitSample(prometheus, "taxi_sink_records_consumed_total", Duration.ofMinutes(1));
      awaitSample(prometheus, "taxi_sink_records_dead_lettered_total", Duration.ofMinutes(1));

      // 10% malformed rides: the dead-letter share alert fires.
      PlatformCli.Result produced =
          cli.run(
              "produce",
              "--count",
              "3000",
              "--rate",
              "max",
              "--bad-fraction",
              "0.1",
              "--seed",
              "5",
              "--data-dir",
              dataDir.toString());
      assertThat(produced.exitCode()).as(produced.toString()).isZero();
      awaitAlert(prometheus, "DeadLetterShareHigh", "sink", "firing", Duration.ofMinutes(3));

      // A pipeline run: afterwards every metric an alert uses has a sample.
      PlatformCli.Result run =
          cli.run(
              Duration.ofMinutes(15),
              "pipeline",
              "run",
              PIPELINE,
              "--wait",
              "--data-dir",
              dataDir.toString(),
              "--set",
              pipelinesFlag);
      assertThat(run.exitCode()).as(run.toString()).isZero();
      Set<String> metrics = metricsUsedByAlerts();
      assertThat(metrics)
          .contains(
              "up",
              "taxi_marts_freshness_seconds",
              "taxi_batch_rows_quarantined_total",
              "taxi_orchestrator_last_success_timestamp_seconds");
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      Set<String> missing = new TreeSet<>(metrics);
      while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
        missing.removeIf(metric -> hasSample(prometheus, metric));
        if (!missing.isEmpty()) {
          Thread.sleep(2000);
        }
      }
      assertThat(missing).as("metrics used by alerts without a sample").isEmpty();
      // Every query of the platform's Grafana dashboards answers with data, but those of the
      // optional producer service, which this stack does not run: Prometheus accepts them.
      List<String> queries = dashboardQueries();
      assertThat(queries).hasSize(34);
      List<String> producerQueries =
          queries.stream().filter(query -> query.contains("taxi_producer_")).toList();
      assertThat(producerQueries).hasSize(1);
      for (String query : producerQueries) {
        assertThat(get(prometheus, "/api/v1/query?query=" + encode(query)).path("status").asText())
            .isEqualTo("success");
      }
      List<String> empty = new ArrayList<>(queries);
      empty.removeAll(producerQueries);
      deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (!empty.isEmpty() && Instant.now().isBefore(deadline)) {
        empty.removeIf(query -> hasSample(prometheus, query));
        if (!empty.isEmpty()) {
          Thread.sleep(2000);
        }
      }
      assertThat(empty).as("dashboard queries without data").isEmpty();
      assertThat(
              value(
                  prometheus,
                  "taxi_orchestrator_runs_total{pipeline=\"" + PIPELINE + "\",state=\"success\"}"))
          .isEqualTo(1.0);
      // The transform test's tally, as its attempt log printed it, reached Prometheus.
      TransformTally tested = lastTally(layout, "dbt_test");
      // The last task's push may be newer than Prometheus's last scrape of the Pushgateway.
      awaitSample(
          prometheus,
          "taxi_transform_nodes_passed_total{job=\"transform-test\"}",
          Duration.ofSeconds(60));
      assertThat(tested.error()).isZero();
      assertThat(value(prometheus, "taxi_transform_nodes_passed_total{job=\"transform-test\"}"))
          .isEqualTo(tested.pass());
      assertThat(value(prometheus, "taxi_transform_nodes_run_total{job=\"transform-test\"}"))
          .isEqualTo(tested.total());
      assertThat(value(prometheus, "taxi_transform_nodes_failed_total{job=\"transform-test\"}"))
          .isEqualTo(0.0);
      assertThat(value(prometheus, "taxi_transform_succeeded{job=\"transform-run\"}"))
          .isEqualTo(1.0);

      // The sink killed each time the supervisor restarts it: its restarts back off (2 s, 4 s,
      // ...) until one down spell outlasts the alert's `for`: ComponentDown goes pending, then
      // firing.
      Set<String> states = killUntilAlertFires(layout, prometheus, "sink", "ComponentDown");
      assertThat(states).contains("pending", "firing");
    }
  }

  /** A copy of the platform's rules whose one-minute {@code for} is {@link #SHORT_FOR}. */
  private Path rulesWithShortFor() throws Exception {
    Path rules = Files.createDirectories(directory.resolve("rules"));
    String shipped = Files.readString(shippedRules());
    String shortened = shipped.replace("for: 1m\n", "for: " + SHORT_FOR + "\n");
    assertThat(shortened).isNotEqualTo(shipped);
    Files.writeString(rules.resolve("platform-alerts.yml"), shortened);
    return rules;
  }

  private static Path shippedRules() {
    return PlatformHome.locate().resolve("deploy/monitoring/rules/platform-alerts.yml");
  }

  /** The SQL engine's tally in the log of the pipeline run's only attempt of {@code task}. */
  private static TransformTally lastTally(StackLayout layout, String task) throws Exception {
    Path runs = layout.logsDir().resolve("pipelines").resolve(PIPELINE);
    try (var logs = Files.walk(runs)) {
      List<Path> attempts =
          logs.filter(path -> path.getParent().getFileName().toString().equals(task))
              .filter(path -> path.getFileName().toString().endsWith(".log"))
              .toList();
      assertThat(attempts).hasSize(1);
      return TransformTally.lastIn(attempts.get(0)).orElseThrow();
    }
  }

  /** The queries of the dashboards a local stack can answer (the Kubernetes one is left out). */
  private static List<String> dashboardQueries() throws Exception {
    List<String> queries = new ArrayList<>();
    Path dashboards = PlatformHome.locate().resolve("deploy/monitoring/dashboards");
    for (String name : List.of("platform-overview.json", "services.json")) {
      for (JsonNode panel : JSON.readTree(dashboards.resolve(name).toFile()).path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(target.path("expr").asText());
        }
      }
    }
    return queries;
  }

  /** Every metric name the alert rules' expressions read. */
  private static Set<String> metricsUsedByAlerts() throws Exception {
    Set<String> names = new TreeSet<>();
    for (JsonNode group : YAML.readTree(shippedRules().toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        names.addAll(metricNames(rule.path("expr").asText()));
      }
    }
    return names;
  }

  /**
   * The metric names in a PromQL expression: identifiers that are no function, keyword or label.
   */
  static Set<String> metricNames(String expression) {
    String withoutMatchers =
        expression
            .replaceAll("\\{[^}]*\\}", " ")
            .replaceAll("\\[[^]]*\\]", " ")
            .replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
            .replaceAll("\"[^\"]*\"", " ");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(withoutMatchers);
    while (matcher.find()) {
      String word = matcher.group();
      int next = matcher.end();
      while (next < withoutMatchers.length() && withoutMatchers.charAt(next) == ' ') {
        next++;
      }
      boolean function = next < withoutMatchers.length() && withoutMatchers.charAt(next) == '(';
      if (!function && !PROMQL_WORDS.contains(word)) {
        names.add(word);
      }
    }
    return names;
  }

  /** The alert's states seen for {@code name}'s job while it was killed at every restart. */
  private Set<String> killUntilAlertFires(
      StackLayout layout, URI prometheus, String name, String alert) throws Exception {
    Set<Long> killed = new TreeSet<>();
    Set<String> states = new TreeSet<>();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
    while (Instant.now().isBefore(deadline)) {
      ServiceState state = service(layout, name);
      if (state.pid() > 0
          && !killed.contains(state.pid())
          && ProcessHandle.of(state.pid()).isPresent()) {
        new ProcessBuilder("kill", "-KILL", Long.toString(state.pid())).start().waitFor();
        killed.add(state.pid());
      }
      for (JsonNode active : get(prometheus, "/api/v1/alerts").path("data").path("alerts")) {
        if (active.path("labels").path("alertname").asText().equals(alert)
            && active.path("labels").path("job").asText().equals(name)) {
          states.add(active.path("state").asText());
        }
      }
      if (states.contains("firing")) {
        return states;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "%s for %s not firing after %d kills; states seen: %s"
            .formatted(alert, name, killed.size(), states));
  }

  private static ServiceState service(StackLayout layout, String name) {
    return StackState.read(layout).flatMap(s -> s.service(name)).orElseThrow();
  }

  private void awaitAlert(URI prometheus, String alert, String job, String state, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    List<String> seen = new ArrayList<>();
    while (Instant.now().isBefore(deadline)) {
      seen.clear();
      for (JsonNode active : get(prometheus, "/api/v1/alerts").path("data").path("alerts")) {
        String name = active.path("labels").path("alertname").asText();
        String activeJob = active.path("labels").path("job").asText();
        String activeState = active.path("state").asText();
        seen.add(name + "/" + activeJob + "/" + activeState);
        if (name.equals(alert) && activeJob.equals(job) && activeState.equals(state)) {
          return;
        }
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "%s for %s not %s within %s; active alerts: %s"
            .formatted(alert, job, state, timeout, seen));
  }

  private void awaitSample(URI prometheus, String metric, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!hasSample(prometheus, metric)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Prometheus has no sample of " + metric + " after " + timeout);
      }
      Thread.sleep(500);
    }
  }

  private boolean hasSample(URI prometheus, String metric) {
    try {
      return get(prometheus, "/api/v1/query?query=" + encode("count(" + metric + ")"))
              .path("data")
              .path("result")
              .size()
          > 0;
    } catch (Exception e) {
      return false;
    }
  }

  private double value(URI prometheus, String query) throws Exception {
    JsonNode result =
        get(prometheus, "/api/v1/query?query=" + encode("sum(" + query + ")"))
            .path("data")
            .path("result");
    assertThat(result.size()).as(query).isEqualTo(1);
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  private JsonNode get(URI prometheus, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(prometheus.resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
