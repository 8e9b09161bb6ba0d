package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.taxiplatform.core.batch.BatchServiceClient;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.metrics.MetricsServer;
import dev.taxiplatform.core.metrics.SummaryPusher;
import dev.taxiplatform.core.processed.BatchLedger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The batch job kept warm: one Spark session for the life of the process, runs accepted over HTTP.
 *
 * <p>{@code POST /runs} (query {@code full-refresh=true}, {@code on-corrupt=skip|fail}) runs the
 * job once and answers when it ends with {@link BatchServiceReply} as JSON; {@code GET /runs} tells
 * how many runs the session served, its Spark application id and whether its warm-up has ended
 * ({@code warm}; a run submitted before waits for it). One run at a time: a run submitted while
 * another runs is refused at once (exit code 1), as {@link BatchRunLock} refuses a second run
 * across processes.
 */
final class BatchService {
  static final String RUNS_PATH = BatchServiceClient.RUNS_PATH;
  private static final Logger LOG = LoggerFactory.getLogger(BatchService.class);

  private final SparkSession spark;
  private final S3Client s3;
  private final BatchStorage storage;
  private final BatchSettings settings;
  private final BatchRunLock lock;
  private final BatchJob.Hook hook;
  private final Optional<SummaryPusher> pusher;
  private final ReentrantLock oneRun = new ReentrantLock();
  private volatile CompletableFuture<Void> warmedUp = CompletableFuture.completedFuture(null);
  private final AtomicLong runsServed = new AtomicLong();
  private final Map<String, AtomicReference<Double>> lastRun = new LinkedHashMap<>();
  private final ObjectMapper mapper = BatchLedger.mapper();
  private Counter runsSucceeded;
  private Counter runsFailed;

  BatchService(
      SparkSession spark,
      S3Client s3,
      BatchStorage storage,
      BatchSettings settings,
      BatchRunLock lock,
      BatchJob.Hook hook,
      Optional<SummaryPusher> pusher) {
    this.spark = requireNonNull(spark, "spark");
    this.s3 = requireNonNull(s3, "s3");
    this.storage = requireNonNull(storage, "storage");
    this.settings = requireNonNull(settings, "settings");
    this.lock = requireNonNull(lock, "lock");
    this.hook = requireNonNull(hook, "hook");
    this.pusher = requireNonNull(pusher, "pusher");
  }

  /** Serves the runs API on {@code server} and the last run's summary on its {@code /metrics}. */
  void serveOn(MetricsServer server) {
    MeterRegistry registry = server.registry();
    runsSucceeded = registry.counter("taxi_batch_service_runs_total", "outcome", "success");
    runsFailed = registry.counter("taxi_batch_service_runs_total", "outcome", "failed");
    BatchRunSummary empty =
        new BatchRunSummary(0, false, 0, 0, java.util.List.of(), 0, Map.of(), 0, 0, 0, 0, 0, 0.0);
    for (String meter : empty.metrics().keySet()) {
      AtomicReference<Double> value = new AtomicReference<>(0.0);
      lastRun.put(meter, value);
      registry.gauge(
          "taxi_batch_last_run_" + meter.substring("taxi_batch_".length()).replace("_total", ""),
          value,
          v -> v.get());
    }
    server.route(RUNS_PATH, this::handle);
  }

  /**
   * Runs {@code warmUp} in the background; runs submitted meanwhile start when it ends. A failed
   * warm-up is logged and changes nothing else.
   */
  void warmUpInBackground(Runnable warmUp) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    warmedUp = done;
    Thread thread =
        new Thread(
            () -> {
              try {
                warmUp.run();
              } catch (RuntimeException e) {
                LOG.warn("Warm-up failed; runs go on without it: {}", e.toString());
              } finally {
                done.complete(null);
              }
            },
            "batch-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs the job once on the warm session; the reply carries the run's exit code. */
  BatchServiceReply run(boolean fullRefresh, Optional<BatchSettings.OnCorrupt> onCorrupt) {
    warmedUp.join();
    if (!oneRun.tryLock()) {
      return BatchServiceReply.failed(
          ExitCodes.FAILED,
          "Another batch run is in progress in this batch service; wait for it to end and run"
              + " again.");
    }
    try {
      BatchSettings runSettings = settings.withOnCorrupt(onCorrupt.orElse(settings.onCorrupt()));
      long run = runsServed.incrementAndGet();
      LOG.info("Run {} of this service started (Spark application {})", run, applicationId());
      BatchRunSummary summary =
          new BatchJob(() -> spark, s3, storage, runSettings, lock, hook, Clock.systemUTC())
              .run(fullRefresh);
      summary
          .metrics()
          .forEach((name, value) -> lastRun.get(name).set(((Number) value).doubleValue()));
      runsSucceeded.increment();
      pusher.ifPresent(p -> p.pushSuccess("batch", summary.metrics(), Instant.now()));
      return BatchServiceReply.succeeded(summary, run, applicationId());
    } catch (PlatformException e) {
      runsFailed.increment();
      LOG.error("Batch run failed: {}", e.getMessage());
      return BatchServiceReply.failed(e.exitCode(), e.getMessage());
    } catch (RuntimeException e) {
      runsFailed.increment();
      LOG.error("Batch run failed", e);
      return BatchServiceReply.failed(
          ExitCodes.FAILED,
          "Batch run failed before committing, so nothing it wrote is visible; fix the cause and"
              + " run again. Cause: "
              + e);
    } finally {
      oneRun.unlock();
    }
  }

  /** Runs served since the service started. */
  long runsServed() {
    return runsServed.get();
  }

  String applicationId() {
    return spark.sparkContext().applicationId();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(RUNS_PATH)) {
      respond(exchange, 404, Map.of("error", "not found"));
      return;
    }
    switch (exchange.getRequestMethod()) {
      case "GET" ->
          respond(
              exchange,
              200,
              Map.of(
                  "runs_served",
                  runsServed.get(),
                  "spark_application_id",
                  applicationId(),
                  "warm",
                  warmedUp.isDone()));
      case "POST" -> {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        BatchStorage asked =
            new BatchStorage(
                query.getOrDefault("raw-bucket", storage.rawBucket()),
                query.getOrDefault("topic", storage.rawTopic()),
                query.getOrDefault("processed-bucket", storage.processedBucket()));
        if (!asked.equals(storage)) {
          respond(
              exchange,
              409,
              BatchServiceReply.failed(
                  ExitCodes.USAGE,
                  "This batch service processes %s, not %s".formatted(storage, asked)));
          return;
        }
        Optional<BatchSettings.OnCorrupt> onCorrupt;
        try {
          onCorrupt =
              Optional.ofNullable(query.get("on-corrupt"))
                  .map(v -> BatchSettings.ON_CORRUPT.type().parse(v));
        } catch (IllegalArgumentException e) {
          respond(
              exchange,
              400,
              BatchServiceReply.failed(
                  ExitCodes.USAGE,
                  "on-corrupt must be skip or fail, not " + query.get("on-corrupt")));
          return;
        }
        BatchServiceReply reply =
            run(Boolean.parseBoolean(query.getOrDefault("full-refresh", "false")), onCorrupt);
        respond(exchange, 200, reply);
      }
      default -> {
        exchange.getResponseHeaders().set("Allow", "GET, POST");
        respond(exchange, 405, Map.of("error", "use GET or POST"));
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = mapper.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
