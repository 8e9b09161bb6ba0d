package dev.taxiplatform.orchestrator.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.taxiplatform.core.cli.TaskSummaryFile;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline's {@code platform batch} attempt submitted by the orchestrator to a batch service: an
 * HTTP server answering {@code POST /runs} as the service does stands in for it (the service itself
 * is tested with Spark in the batch component).
 */
class BatchServiceTaskTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path temp;

  private HttpServer server;
  private final List<String> queries = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aRunTheServiceAnswersEndsTheAttemptWithTheCommandsLogAndSummary() throws Exception {
    URI service =
        serve(
            200,
            "{\"exit_code\":0,\"message\":\"\",\"rendered\":\"Batch run 7 committed.\\n\","
                + "\"summary\":{\"sequence\":7},"
                + "\"metrics\":{\"taxi_batch_rides_written_total\":95}}");
    TaskLaunch launch =
        batchLaunch(
            "--full-refresh",
            "--on-corrupt",
            "fail",
            "--set",
            "batch.service-url=" + service,
            "--set",
            "s3.raw-bucket=raw-x");

    RunningTask task = startWithoutProcess(launch);

    assertThat(awaitExit(task)).isZero();
    assertThat(task.processId()).isZero();
    assertThat(queries)
        .singleElement()
        .asString()
        .contains("full-refresh=true", "raw-bucket=raw-x", "on-corrupt=fail");
    assertThat(Files.readString(launch.logFile()))
        .contains("attempt 1 of spark_processing: submitted to the batch service at " + service)
        .contains("Batch run 7 committed.");
    JsonNode summary =
        new ObjectMapper().readTree(TaskSummaryFile.besideLog(launch.logFile()).toFile());
    assertThat(summary.path("command").asText()).isEqualTo("batch");
    assertThat(summary.at("/summary/sequence").asLong()).isEqualTo(7);
    assertThat(summary.at("/metrics/taxi_batch_rides_written_total").asLong()).isEqualTo(95);
  }

  @Test
  void aServiceServingOtherBucketsLeavesTheAttemptToTheCommandsProcess() throws Exception {
    URI service =
        serve(409, "{\"exit_code\":2,\"message\":\"This batch service processes other buckets\"}");
    TaskLaunch launch = batchLaunch("--set", "batch.service-url=" + service);
    AtomicInteger processes = new AtomicInteger();

    RunningTask task =
        BatchServiceTask.start(
            launch,
            submission(launch).orElseThrow(),
            () -> {
              processes.incrementAndGet();
              return new ProcessRunningTask(new ProcessBuilder("sh", "-c", "exit 3").start());
            });

    assertThat(awaitExit(task)).isEqualTo(3);
    assertThat(processes).hasValue(1);
    assertThat(Files.readString(launch.logFile()))
        .contains("is not reachable or serves other buckets: the attempt runs in its own process");
    assertThat(TaskSummaryFile.besideLog(launch.logFile())).doesNotExist();
  }

  @Test
  void aFailedRunFailsTheAttemptWithTheRunsExitCodeAndMessage() throws Exception {
    String message = "Batch run 3 failed before committing, so nothing it wrote is visible";
    URI service = serve(200, "{\"exit_code\":1,\"message\":\"" + message + "\",\"rendered\":\"\"}");
    TaskLaunch launch = batchLaunch("--set", "batch.service-url=" + service);

    RunningTask task = startWithoutProcess(launch);

    assertThat(awaitExit(task)).isEqualTo(1);
    assertThat(task.failureDetail()).isEqualTo(message);
    assertThat(Files.readString(launch.logFile())).contains("error: " + message);
    assertThat(TaskSummaryFile.besideLog(launch.logFile())).doesNotExist();
  }

  @Test
  void killingTheAttemptStopsWaitingForTheService() throws Exception {
    URI service = serve(-1, "");
    TaskLaunch launch = batchLaunch("--set", "batch.service-url=" + service);
    RunningTask task = startWithoutProcess(launch);
    awaitRequest();
    assertThat(task.exitCode()).isEmpty();

    task.kill();

    assertThat(task.exitCode()).contains(1);
    assertThat(task.failureDetail()).contains("the run was abandoned");
  }

  @Test
  void onlyBatchAttemptsThatWouldGoToAServiceAreSubmitted() throws Exception {
    String url = "batch.service-url=http://127.0.0.1:9466";
    TaskLaunch load =
        TestLaunches.attempt(
            temp, new TaskSpec.Platform("load", List.of("--set", url)), "load_staging", 1);

    assertThat(submission(load)).isEmpty();
    assertThat(submission(batchLaunch("--in-process", "--set", url))).isEmpty();
    assertThat(submission(batchLaunch("--no-such-option", "--set", url))).isEmpty();
    assertThat(submission(batchLaunch("--set", "batch.on-corrupt=sometimes", "--set", url)))
        .isEmpty();
    assertThat(submission(batchLaunch())).as("no service configured, no stack running").isEmpty();
    BatchServiceTask.Submission configured =
        submission(batchLaunch("--summary-json", "out/batch.json", "--set", url)).orElseThrow();
    assertThat(configured.service()).isEqualTo(URI.create("http://127.0.0.1:9466"));
    assertThat(configured.request().fullRefresh()).isFalse();
    assertThat(configured.request().onCorrupt()).isEqualTo("skip");
    assertThat(configured.summaryFile()).isEqualTo(Path.of("out/batch.json"));
  }

  /** Starts the attempt with a fallback that fails: the service must take the run. */
  private RunningTask startWithoutProcess(TaskLaunch launch) {
    return BatchServiceTask.start(
        launch,
        submission(launch).orElseThrow(),
        () -> {
          throw new IOException("no process expected");
        });
  }

  private Optional<BatchServiceTask.Submission> submission(TaskLaunch launch) {
    return BatchServiceTask.Submission.of(
        launch, Map.of("PLATFORM_DATA_DIR", temp.resolve("data").toString()), temp);
  }

  private TaskLaunch batchLaunch(String... args) {
    return TestLaunches.attempt(
        temp, new TaskSpec.Platform("batch", List.of(args)), "spark_processing", 1);
  }

  /** Serves {@code POST /runs} with {@code status} and {@code body}; never answers when -1. */
  private URI serve(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/runs",
        exchange -> {
          synchronized (queries) {
            queries.add(exchange.getRequestURI().getRawQuery());
            queries.notifyAll();
          }
          if (status < 0) {
            awaitRelease();
          }
          respond(exchange, Math.max(status, 200), body);
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void awaitRelease() {
    try {
      release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitRequest() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (queries) {
      while (queries.isEmpty() && System.nanoTime() < deadline) {
        queries.wait(100);
      }
    }
    assertThat(queries).hasSize(1);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static int awaitExit(RunningTask task) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (task.exitCode().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return task.exitCode().orElseThrow(() -> new AssertionError("the attempt did not end"));
  }
}
