package dev.taxiplatform.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole pipeline from the platform image, each component in its own container on one podman
 * network: Kafka, S3, PostgreSQL, the sink, the orchestrator and the dashboard. Rides are produced
 * from a container, {@code platform_pipeline} is triggered through the orchestrator's REST API from
 * this host, and the counts of every stage are read back independently (the raw Parquet with
 * DuckDB, the warehouse with JDBC, the dashboard's JSON API). Then the sink is stopped with SIGTERM
 * and killed with SIGKILL while rides stream, and every ride is still in S3 exactly once.
 */
class PlatformImagePipelineIT {
  private static final String RAW_BUCKET = "platform-raw-data";
  private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(12);
  private static final Pattern PRODUCED = Pattern.compile("Produced ([\\d,]+) ride events");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int BROKER_METRICS_PORT = 9404;

  @TempDir static Path work;

  private static Podman podman;
  private static final List<String> containers = new ArrayList<>();
  private static String network;
  private static final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private static final String s3Secret = UUID.randomUUID().toString();
  private static final String warehousePassword = UUID.randomUUID().toString();
  private static final String readerPassword = UUID.randomUUID().toString();

  @BeforeAll
  static void loadImage() throws IOException {
    assumeTrue(Podman.installed(), "podman is not installed (.ci/run installs it)");
    podman = Podman.under(work.resolve("podman"));
    String loaded = podman.run("load", "--input", System.getProperty("image.tar"));
    assertThat(loaded).contains(System.getProperty("image.name"));
    network = podman.run("network", "create", "taxi-" + suffix);
  }

  @AfterAll
  static void removeContainers() {
    if (podman == null) {
      return;
    }
    for (String id : containers) {
      // Each container's last log lines, in the test's output: what to read when a step failed.
      Podman.Result logs = podman.attempt("logs", "--tail", "60", id);
      System.out.printf("----- container %s -----%n%s%s%n", id, logs.output(), logs.errors());
      podman.attempt("rm", "--force", "--time", "5", id);
    }
    if (network != null) {
      podman.attempt("network", "rm", network);
    }
    podman.attempt("rmi", "--all", "--force");
  }

  @Test
  void runsThePipelineInContainersAndKeepsEveryRideOnceThroughSinkCrashes() throws Exception {
    String kafka =
        start(
            "kafka",
            List.of(BROKER_METRICS_PORT),
            "server",
            "kafka",
            "--dir",
            "/data/kafka",
            "--metrics-port",
            Integer.toString(BROKER_METRICS_PORT));
    String s3 = start("s3", List.of(4566), "server", "s3", "--dir", "/data/s3");
    String postgres =
        start("postgres", List.of(5432), "server", "postgres", "--dir", "/data/postgres");
    int s3Port = podman.hostPort(s3, 4566);
    int postgresPort = podman.hostPort(postgres, 5432);
    awaitTrue(
        "PostgreSQL accepts logins", Duration.ofMinutes(2), () -> warehouseAnswers(postgresPort));
    // Topics and buckets, as `platform up` makes them, on the servers of the other containers.
    awaitTrue(
        "the topics and buckets are provisioned",
        Duration.ofMinutes(3),
        () -> runOnce("provision", "up", "--detach", "--infrastructure-only").exitCode() == 0);

    String sink = start("sink", List.of(), "sink");
    String orchestrator = start("orchestrator", List.of(8080), "orchestrator", "--port", "8080");
    String dashboard = start("dashboard", List.of(8501), "dashboard", "--port", "8501");
    String orchestratorUrl = "http://127.0.0.1:" + podman.hostPort(orchestrator, 8080);
    String dashboardUrl = "http://127.0.0.1:" + podman.hostPort(dashboard, 8501);
    awaitTrue(
        "the orchestrator answers",
        Duration.ofMinutes(2),
        () -> answers(orchestratorUrl + "/api/pipelines"));

    // Rides from a container, then the seed's pipeline through the REST API.
    long produced = produced(runOnce("producer", "produce", "--count", "3000", "--rate", "1000"));
    JsonNode run = post(orchestratorUrl + "/api/pipelines/platform_pipeline/runs");
    long runId = run.get("id").asLong();
    JsonNode finished = awaitRun(orchestratorUrl, runId);
    assertThat(finished.get("state").asText()).as(finished.toPrettyString()).isEqualTo("success");
    produced +=
        produced(podman.run("exec", orchestrator, "cat", "/data/logs/streaming/producer.log"));

    RawRides raw = rawRides(s3Port);
    long staged = count(postgresPort, "select count(*) from staging.stg_rides");
    long facts = count(postgresPort, "select count(*) from public_marts.fact_rides");
    long dashboardTotal = dashboardTotalRides(dashboardUrl);
    assertThat(
            Map.of(
                "raw",
                raw.rows(),
                "distinct raw",
                raw.distinctRides(),
                "staged",
                staged,
                "fact_rides",
                facts,
                "dashboard",
                dashboardTotal))
        .as("every stage holds every produced ride (%d) once", produced)
        .containsOnly(
            Map.entry("raw", produced),
            Map.entry("distinct raw", produced),
            Map.entry("staged", produced),
            Map.entry("fact_rides", produced),
            Map.entry("dashboard", produced));

    // The broker's own metrics, where the chart's scrape job and ServiceMonitor read them.
    String brokerMetrics =
        text("http://127.0.0.1:" + podman.hostPort(kafka, BROKER_METRICS_PORT) + "/metrics");
    assertThat(brokerMetrics)
        .containsPattern(
            "(?m)^kafka_controller_kafkacontroller_offlinepartitionscount(\\{.*\\})? 0")
        .containsPattern(
            "(?m)^kafka_server_brokertopicmetrics_messagesinpersec_total\\{.*topic=\"taxi-rides\".*\\} [1-9]");

    System.out.printf(
        "Pipeline in containers: produced %d, raw %d (%d distinct), staged %d, fact_rides %d,"
            + " dashboard %d%n",
        produced, raw.rows(), raw.distinctRides(), staged, facts, dashboardTotal);

    // The sink stopped with SIGTERM, then killed with SIGKILL, while rides stream.
    String streaming = startOnce("stream", "produce", "--count", "4000", "--rate", "400");
    Thread.sleep(3_000);
    podman.run("stop", "--time", "60", sink);
    // 0 or 143 (ended by SIGTERM): an orderly stop; 137 would mean podman had to SIGKILL it.
    assertThat(podman.run("inspect", "--format", "{{.State.ExitCode}}", sink))
        .as("the sink's exit code after SIGTERM")
        .isIn("0", "143");
    podman.run("start", sink);
    Thread.sleep(4_000);
    podman.run("kill", "--signal", "KILL", sink);
    podman.run("start", sink);
    podman.run("wait", streaming);
    long total = produced + produced(podman.run("logs", streaming));
    awaitTrue(
        "every ride in S3 after the sink's restarts",
        Duration.ofMinutes(2),
        () -> rawRides(s3Port).rows() >= total);
    RawRides afterCrashes = rawRides(s3Port);
    assertThat(afterCrashes).isEqualTo(new RawRides(total, total));
    System.out.printf(
        "After SIGTERM and SIGKILL of the sink: produced %d, raw %d (%d distinct)%n",
        total, afterCrashes.rows(), afterCrashes.distinctRides());
    assertThat(podman.run("inspect", "--format", "{{.State.Running}}", kafka)).isEqualTo("true");
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
    env.put("KAFKA_ADVERTISED_HOST", "kafka");
    env.put("S3_ENDPOINT", "http://s3:4566");
    env.put("AWS_ACCESS_KEY_ID", "platform");
    env.put("AWS_SECRET_ACCESS_KEY", s3Secret);
    env.put("WAREHOUSE_HOST", "postgres");
    env.put("WAREHOUSE_PORT", "5432");
    env.put("WAREHOUSE_USER", "platform");
    env.put("WAREHOUSE_PASSWORD", warehousePassword);
    env.put("WAREHOUSE_READER_PASSWORD", readerPassword);
    env.put("PLATFORM_POSTGRES_SUPERUSER_PASSWORD", UUID.randomUUID().toString());
    env.put("DASHBOARD_PASSWORD", readerPassword);
    env.put("DASHBOARD_ORCHESTRATOR_URL", "http://orchestrator:8080");
    env.put("FLUSH_INTERVAL_SECONDS", "5");
    env.put("EVENTS_PER_SECOND", "20");
    // platform_pipeline streams for 5 s instead of its 60 s accumulate_data.
    env.put("ORCHESTRATOR_MAX_WAIT", "5s");
    return env;
  }

  private static List<String> runArguments(String name, List<Integer> ports, String... command) {
    List<String> args =
        new ArrayList<>(List.of("--name", name + "-" + suffix, "--network", network));
    args.addAll(List.of("--network-alias", name));
    for (int port : ports) {
      args.addAll(List.of("--publish", "127.0.0.1::" + port));
    }
    environment().forEach((key, value) -> args.addAll(List.of("--env", key + "=" + value)));
    args.add(System.getProperty("image.name"));
    args.addAll(List.of(command));
    return args;
  }

  /** A long-running component in its own container, in the background. */
  private static String start(String name, List<Integer> ports, String... command) {
    List<String> args = new ArrayList<>(List.of("run", "--detach"));
    args.addAll(runArguments(name, ports, command));
    String id = podman.run(args.toArray(String[]::new));
    containers.add(id);
    return id;
  }

  /** A one-shot command in its own container, in the background. */
  private static String startOnce(String name, String... command) {
    return start(name, List.of(), command);
  }

  /** A one-shot command in its own container, to its end. */
  private static Podman.Result runOnce(String name, String... command) {
    String id = startOnce(name + "-" + containers.size(), command);
    podman.run("wait", id);
    String exitCode = podman.run("inspect", "--format", "{{.State.ExitCode}}", id);
    Podman.Result logs = podman.attempt("logs", id);
    return new Podman.Result(Integer.parseInt(exitCode.trim()), logs.output(), logs.errors());
  }

  private static long produced(Podman.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    return produced(result.output());
  }

  private static long produced(String output) {
    Matcher matcher = PRODUCED.matcher(output);
    long total = 0;
    boolean found = false;
    while (matcher.find()) {
      total += Long.parseLong(matcher.group(1).replace(",", ""));
      found = true;
    }
    assertThat(found).as("a producer summary in:%n%s", output).isTrue();
    return total;
  }

  /** Total rides over every date, from the dashboard's key-figures panel. */
  private static long dashboardTotalRides(String dashboardUrl) throws Exception {
    JsonNode kpis = get(dashboardUrl + "/api/panels/kpis");
    JsonNode total = kpis.findValue("totalRides");
    if (total == null) {
      total = kpis.findValue("total_rides");
    }
    assertThat(total).as("total rides in %s", kpis).isNotNull();
    return total.asLong();
  }

  private static JsonNode awaitRun(String orchestratorUrl, long runId) throws Exception {
    Instant deadline = Instant.now().plus(PIPELINE_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      JsonNode run = get(orchestratorUrl + "/api/runs/" + runId);
      String state = run.get("state").asText();
      if (state.equals("success") || state.equals("failed")) {
        return run;
      }
      Thread.sleep(2_000);
    }
    throw new AssertionError(
        "platform_pipeline run " + runId + " did not finish in " + PIPELINE_TIMEOUT);
  }

  /** The raw rides in S3, read back with DuckDB from downloaded copies of the objects. */
  private static RawRides rawRides(int s3Port) throws IOException, SQLException {
    Path copy = Files.createTempDirectory(work, "raw");
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("platform", s3Secret)))
            .build()) {
      int files = 0;
      for (S3Object object :
          s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(RAW_BUCKET).build())
              .contents()) {
        if (object.key().endsWith(".parquet")) {
          s3.getObject(
              GetObjectRequest.builder().bucket(RAW_BUCKET).key(object.key()).build(),
              copy.resolve("part-" + files++ + ".parquet"));
        }
      }
      if (files == 0) {
        return new RawRides(0, 0);
      }
    }
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select count(*), count(distinct ride_id) from read_parquet('%s/*.parquet')"
                    .formatted(copy))) {
      rows.next();
      return new RawRides(rows.getLong(1), rows.getLong(2));
    }
  }

  private static long count(int postgresPort, String sql) throws SQLException {
    try (Connection connection = warehouse(postgresPort);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Connection warehouse(int postgresPort) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:%d/warehouse".formatted(postgresPort),
        "platform",
        warehousePassword);
  }

  private static boolean warehouseAnswers(int postgresPort) {
    try (Connection connection = warehouse(postgresPort)) {
      return connection.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean answers(String url) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String text(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
    return response.body();
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  private static JsonNode post(String url) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private static JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("%s: %s", request.uri(), response.body())
        .isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static void awaitTrue(String what, Duration timeout, Callable<Boolean> condition)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (condition.call()) {
        return;
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
  }

  /** Raw rows in S3 and the distinct rides among them. */
  record RawRides(long rows, long distinctRides) {}
}
