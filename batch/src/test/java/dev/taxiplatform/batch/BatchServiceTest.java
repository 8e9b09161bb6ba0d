package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taxiplatform.core.batch.BatchServiceAnswer;
import dev.taxiplatform.core.batch.BatchServiceClient;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.metrics.MetricsServer;
import dev.taxiplatform.core.processed.BatchLedger;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import dev.taxiplatform.core.testing.TestJvm;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The batch service: runs on one warm Spark session, {@code platform batch} submitting to it or
 * running in-process without it, and a service killed inside a run's commit window.
 */
class BatchServiceTest {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestSpark local;

  @TempDir Path temp;

  @BeforeAll
  static void start() throws Exception {
    local = TestSpark.start("batch-service-test");
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  private record Buckets(String raw, String processed) {
    BatchStorage storage() {
      return new BatchStorage(raw, "taxi-rides", processed);
    }

    String[] cliSettings() {
      return new String[] {
        "--set", "s3.raw-bucket=" + raw, "--set", "s3.processed-bucket=" + processed
      };
    }
  }

  private static Buckets buckets() {
    int n = BUCKETS.incrementAndGet();
    Buckets buckets = new Buckets("raw-service-" + n, "processed-service-" + n);
    local.s3().createBucket(b -> b.bucket(buckets.raw()));
    local.s3().createBucket(b -> b.bucket(buckets.processed()));
    return buckets;
  }

  private static BatchService service(Buckets buckets) {
    return new BatchService(
        local.spark(),
        local.s3(),
        buckets.storage(),
        TestSpark.SKIP_CORRUPT,
        new BatchRunLock(LocalStack.shared().connections().warehouse()),
        BatchJob.Hook.NONE,
        Optional.empty());
  }

  private void write(Buckets buckets, String key, List<RawRide> rides) {
    new RawRideFiles(local.spark(), local.s3(), buckets.raw(), temp.resolve("files"))
        .write(key, rides.stream().map(RawRide::toRow).toList());
  }

  private static PlatformCli.Result batch(Buckets buckets, String... more) {
    LocalStack stack = LocalStack.shared();
    List<String> args =
        new java.util.ArrayList<>(List.of("batch", "--data-dir", stack.dataDir().toString()));
    args.addAll(List.of(buckets.cliSettings()));
    args.addAll(List.of(more));
    return stack.cli().run(args.toArray(String[]::new));
  }

  @Test
  void runsIncrementsOnOneWarmSessionAndPlatformBatchSubmitsThere() throws Exception {
    Buckets buckets = buckets();
    BatchService service = service(buckets);
    try (MetricsServer server =
        MetricsServer.start("127.0.0.1", 0, MetricsServer.Health::healthy)) {
      service.serveOn(server);
      URI endpoint = URI.create("http://127.0.0.1:" + server.port());
      write(
          buckets,
          RawRideFiles.key("2026-09-01", 0, 0),
          List.of(
              RawRide.valid("w-1", "2026-09-01T10:00:00Z"),
              RawRide.valid("w-1", "2026-09-01T10:00:00Z"),
              RawRide.valid("w-2", "2026-09-01T11:00:00Z"),
              RawRide.valid("w-3", "2026-09-01T12:00:00Z").withPassengers(0)));

      JsonNode first =
          new BatchServiceClient(endpoint)
              .submit(buckets.storage().request(false, "skip"))
              .orElseThrow()
              .json();

      assertThat(first.path("exit_code").asInt()).as(first.toString()).isZero();
      assertThat(first.at("/summary/sequence").asLong()).isEqualTo(1);
      assertThat(first.at("/summary/raw_rows_read").asLong()).isEqualTo(4);
      assertThat(first.at("/summary/rides_written").asLong()).isEqualTo(2);
      assertThat(first.at("/summary/duplicates_dropped").asLong()).isEqualTo(1);
      assertThat(first.at("/summary/quarantined_by_rule/non_positive_passengers").asLong())
          .isEqualTo(1);
      assertThat(first.path("run_number").asLong()).isEqualTo(1);
      String application = local.spark().sparkContext().applicationId();
      assertThat(first.path("spark_application_id").asText()).isEqualTo(application);

      // A small increment, one ride new and one seen in the first run, through the real CLI.
      write(
          buckets,
          RawRideFiles.key("2026-09-01", 1, 0),
          List.of(
              RawRide.valid("w-2", "2026-09-01T11:00:00Z"),
              RawRide.valid("w-4", "2026-09-01T13:00:00Z")));
      Path summary = temp.resolve("summary.json");
      PlatformCli.Result second =
          batch(
              buckets,
              "--set",
              "batch.service-url=" + endpoint,
              "--summary-json",
              summary.toString());

      assertThat(second.exitCode()).as(second.toString()).isZero();
      assertThat(second.output())
          .contains("Batch run on the batch service at " + endpoint)
          .contains("Batch run 2 committed.")
          .containsPattern("rides written +1")
          .containsPattern("duplicates dropped +1");
      JsonNode json = BatchLedger.mapper().readTree(Files.readString(summary));
      assertThat(json.at("/summary/rides_written").asLong()).isEqualTo(1);
      assertThat(json.at("/metrics/taxi_batch_raw_rows_read_total").asLong()).isEqualTo(2);

      // The same session served both runs.
      JsonNode status = BatchLedger.mapper().readTree(get(endpoint.resolve("/runs")));
      assertThat(status.path("runs_served").asLong()).isEqualTo(2);
      assertThat(status.path("spark_application_id").asText()).isEqualTo(application);
      assertThat(status.path("warm").isBoolean()).isTrue();
      assertThat(status.path("warm").asBoolean()).isTrue();
      assertThat(service.runsServed()).isEqualTo(2);
      assertThat(get(endpoint.resolve("/metrics")))
          .contains("taxi_batch_last_run_rides_written 1.0")
          .contains("taxi_batch_last_run_raw_rows_read 2.0")
          .containsPattern("taxi_batch_service_runs_total\\{outcome=\"success\"} 2.0");
      assertThat(get(endpoint.resolve("/health/ready"))).contains("UP");
    }
    try (ProcessedData data = ProcessedData.download(local.s3(), buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("w-1", "w-2", "w-4");
    }
  }

  @Test
  void aRunSubmittedDuringTheWarmUpStartsWhenItEndsAndTheWarmUpKeepsNothing() throws Exception {
    Buckets buckets = buckets();
    BatchService service = service(buckets);
    int keptBefore = local.spark().sparkContext().getPersistentRDDs().size();
    Path scratch = Files.createDirectories(temp.resolve("scratch"));
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Instant> warmUpEnded =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch statusRead = new java.util.concurrent.CountDownLatch(1);
    service.warmUpInBackground(
        () -> {
          started.countDown();
          awaitQuietly(statusRead);
          new BatchWarmUp(local.spark(), TestSpark.SKIP_CORRUPT).run(scratch);
          warmUpEnded.set(Instant.now());
        });
    write(
        buckets,
        RawRideFiles.key("2026-09-02", 0, 0),
        List.of(
            RawRide.valid("u-1", "2026-09-02T10:00:00Z"),
            RawRide.valid("u-2", "2026-09-02T11:00:00Z")));
    assertThat(started.await(1, TimeUnit.MINUTES)).isTrue();

    BatchServiceReply reply;
    try (MetricsServer server =
        MetricsServer.start("127.0.0.1", 0, MetricsServer.Health::healthy)) {
      service.serveOn(server);
      URI runs = URI.create("http://127.0.0.1:" + server.port() + BatchService.RUNS_PATH);
      assertThat(BatchLedger.mapper().readTree(get(runs)).path("warm").asBoolean())
          .as("warm while warming up")
          .isFalse();
      statusRead.countDown();
      reply = service.run(false, Optional.empty());
      assertThat(BatchLedger.mapper().readTree(get(runs)).path("warm").asBoolean())
          .as("warm after the warm-up")
          .isTrue();
    }

    assertThat(warmUpEnded.get()).as("the warm-up ended before the run answered").isNotNull();
    assertThat(reply.exitCode()).as(reply.message()).isZero();
    assertThat(reply.summary().ridesWritten()).isEqualTo(2);
    try (var left = Files.list(scratch)) {
      assertThat(left).as("the warm-up's files").isEmpty();
    }
    assertThat(local.spark().sparkContext().getPersistentRDDs().size()).isEqualTo(keptBefore);
  }

  @Test
  void platformBatchRunsInProcessWhenNoServiceAnswers() throws Exception {
    Buckets buckets = buckets();
    write(
        buckets,
        RawRideFiles.key("2026-09-02", 0, 0),
        List.of(
            RawRide.valid("f-1", "2026-09-02T10:00:00Z"),
            RawRide.valid("f-2", "2026-09-02T11:00:00Z")));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String absent = "http://127.0.0.1:" + closedPort;

    PlatformCli.Result result = batch(buckets, "--set", "batch.service-url=" + absent);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output())
        .contains("Batch run in this process")
        .contains("the batch service at " + absent + " is not reachable")
        .contains("Batch run 1 committed.")
        .containsPattern("rides written +2");
    try (ProcessedData data = ProcessedData.download(local.s3(), buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("f-1", "f-2");
    }
  }

  @ParameterizedTest(name = "large runs: {0}")
  @ValueSource(booleans = {false, true})
  void aServiceKilledBeforeItsRunCommitsLeavesNothingVisibleAndTheNextRunTakesEveryObjectOnce(
      boolean largeRuns) throws Exception {
    Buckets buckets = buckets();
    write(
        buckets,
        RawRideFiles.key("2026-09-03", 0, 0),
        List.of(
            RawRide.valid("k-1", "2026-09-03T10:00:00Z"),
            RawRide.valid("k-2", "2026-09-03T11:00:00Z"),
            RawRide.valid("k-2", "2026-09-03T11:00:00Z")));
    write(
        buckets,
        RawRideFiles.key("2026-09-03", 1, 0),
        List.of(
            RawRide.valid("k-3", "2026-09-03T12:00:00Z"),
            RawRide.valid("k-4", "2026-09-03T13:00:00Z").withPassengers(0)));
    LocalStack stack = LocalStack.shared();
    Path log = temp.resolve("service.log");
    Process service =
        TestJvm.start(
            BatchServiceKilledBeforeCommit.class,
            List.of("-Xmx1g"),
            List.of(
                stack.dataDir().toString(),
                "s3.raw-bucket=" + buckets.raw(),
                "s3.processed-bucket=" + buckets.processed(),
                "batch.master=local[1]",
                "batch.shuffle-partitions=1",
                // 0: every run is large, writing its rides in the job that deduplicates them.
                "batch.small-run-max-mb=" + (largeRuns ? 0 : 32)),
            log);
    try {
      URI endpoint =
          await(log, service, Pattern.compile("Batch service serving (http://[^/\\s]+)/runs"))
              .map(m -> URI.create(m.group(1)))
              .orElseThrow();
      CompletableFuture<Optional<BatchServiceAnswer>> submitted =
          CompletableFuture.supplyAsync(
              () ->
                  new BatchServiceClient(endpoint)
                      .submit(buckets.storage().request(false, "skip")));
      await(
              log,
              service,
              Pattern.compile(Pattern.quote(BatchServiceKilledBeforeCommit.STOPPED) + "1"))
          .orElseThrow();
      List<String> written = keys(buckets.processed(), "rides/");
      assertThat(written).as("the run wrote its rides before the kill").isNotEmpty();
      assertThat(Files.readString(log))
          .as("the run took the path of its size")
          .contains(largeRuns ? "Rides deduplicated and written: 3" : "Rides deduplicated: 3");

      service.destroyForcibly();
      assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> submitted.join())
          .hasCauseInstanceOf(PlatformException.class)
          .hasMessageContaining("stopped answering during the run");
      BatchLedger ledger = BatchLedger.read(local.s3(), buckets.processed());
      assertThat(ledger.all()).as("nothing committed").isEmpty();
      assertThat(ledger.liveKeys()).isEmpty();
    } finally {
      service.destroyForcibly();
    }

    PlatformCli.Result next = batch(buckets, "--in-process");

    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.output())
        .contains("Batch run 1 committed.")
        .containsPattern("raw objects read +2")
        .containsPattern("rides written +3")
        .containsPattern("duplicates dropped +1");
    try (ProcessedData data = ProcessedData.download(local.s3(), buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("k-1", "k-2", "k-3");
    }
    java.util.Set<String> live = BatchLedger.read(local.s3(), buckets.processed()).liveKeys();
    assertThat(keys(buckets.processed(), "rides/"))
        .as("the killed run's files are removed")
        .isNotEmpty()
        .allMatch(live::contains);

    PlatformCli.Result again = batch(buckets, "--in-process");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.output()).contains("Batch run: nothing new to process.");
    try (ProcessedData data = ProcessedData.download(local.s3(), buckets.processed())) {
      assertThat(data.rides()).containsOnlyKeys("k-1", "k-2", "k-3");
    }
  }

  private static Optional<Matcher> await(Path log, Process process, Pattern pattern)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher matcher = pattern.matcher(text);
      if (matcher.find()) {
        return Optional.of(matcher);
      }
      assertThat(process.isAlive()).as("the service process is running; log:%n%s", text).isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("No line matching " + pattern + " in " + log);
  }

  private static List<String> keys(String bucket, String prefix) {
    S3Client s3 = local.s3();
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(o -> o.key())
        .filter(k -> !k.endsWith("/"))
        .toList();
  }

  private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
