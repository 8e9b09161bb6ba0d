package dev.taxiplatform.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.ingest.IngestTestKit;
import dev.taxiplatform.ingest.generate.EventClock;
import dev.taxiplatform.ingest.generate.RideStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real {@code platform sink} process holding open batches (too large to fill, an
 * interval too long to pass): it writes them to S3 and commits their offsets before it exits, and a
 * restarted sink finds nothing left to write, so every ride is stored once.
 */
class SinkGracefulStopTest {
  private static final int RIDES = 5_000;
  private static final Pattern METRICS_PORT = Pattern.compile("metrics on port (\\d+)");
  private static final Pattern CONSUMED =
      Pattern.compile("(?m)^taxi_sink_records_consumed_total ([0-9.E]+)$");

  @TempDir Path workDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void sigtermWritesAndCommitsTheOpenBatchesAndARestartAddsNothing() throws Exception {
    IngestTestKit kit = IngestTestKit.create("sigterm");
    List<RideStream.Event> produced =
        kit.produce(
            new RideStream(
                11, EventClock.simulated(Instant.parse("2026-11-24T08:00:00Z"), 2, 11), 0),
            RIDES);
    List<String> args = new ArrayList<>(List.of("sink", "--metrics-port", "0"));
    args.addAll(
        kit.configArguments(
            "sink.batch-size=1000000", "sink.flush-interval=1h", "server.shutdown-timeout=60s"));

    Path firstLog = workDir.resolve("sink-1.log");
    Process sink = IngestTestKit.startIngestProcess(args, firstLog);
    URI metrics = awaitReady(sink, firstLog);
    IngestTestKit.await(
        Duration.ofMinutes(2), "the sink to consume every ride", () -> consumed(metrics) == RIDES);
    assertThat(kit.committed()).as("the batches are still open").isZero();
    assertThat(kit.objectKeys()).isEmpty();

    sink.destroy(); // SIGTERM
    assertThat(sink.waitFor(90, TimeUnit.SECONDS)).as("log %s", firstLog).isTrue();
    assertThat(sink.exitValue()).as("exit on SIGTERM; log %s", firstLog).isEqualTo(143);

    assertThat(kit.committed())
        .as("offsets committed at the stop; the sink's log:%n%s", Files.readString(firstLog))
        .isEqualTo(RIDES);
    List<String> keys = kit.objectKeys();
    assertThat(keys).hasSize(IngestTestKit.PARTITIONS);
    assertThat(Files.readString(firstLog))
        .contains("Stopping sink (within 60 s)")
        .contains("Stopped; every record read was written and committed.")
        .containsPattern("sink stopped in \\d+ ms");

    Path secondLog = workDir.resolve("sink-2.log");
    Process restarted = IngestTestKit.startIngestProcess(args, secondLog);
    URI secondMetrics = awaitReady(restarted, secondLog);
    assertThat(consumed(secondMetrics)).as("nothing is left to read").isZero();
    restarted.destroy();
    assertThat(restarted.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(kit.committed()).isEqualTo(RIDES);
    assertThat(kit.objectKeys()).isEqualTo(keys);

    Set<String> expected = new HashSet<>();
    produced.forEach(e -> expected.add(e.ride().rideId()));
    Path files = workDir.resolve("s3");
    kit.download(files);
    String glob = files.resolve(kit.topic()) + "/**/*.parquet";
    try (Connection duck = IngestTestKit.duckDb();
        Statement statement = duck.createStatement()) {
      try (ResultSet counts =
          statement.executeQuery(
              "SELECT count(*), count(DISTINCT ride_id) FROM read_parquet('%s')".formatted(glob))) {
        assertThat(counts.next()).isTrue();
        assertThat(counts.getLong(1)).as("rows").isEqualTo(RIDES);
        assertThat(counts.getLong(2)).as("distinct ride ids").isEqualTo(RIDES);
      }
      Set<String> stored = new HashSet<>();
      try (ResultSet ids =
          statement.executeQuery("SELECT ride_id FROM read_parquet('%s')".formatted(glob))) {
        while (ids.next()) {
          stored.add(ids.getString(1));
        }
      }
      assertThat(stored).isEqualTo(expected);
    }
  }

  /** Waits until the sink answers {@code /health/ready}; returns its metrics address. */
  private URI awaitReady(Process sink, Path log) throws Exception {
    int[] port = {0};
    IngestTestKit.await(
        Duration.ofMinutes(2),
        "the sink to report its metrics port (log %s)".formatted(log),
        () -> {
          assertThat(sink.isAlive()).as("sink alive; log %s", log).isTrue();
          Matcher matcher = METRICS_PORT.matcher(Files.readString(log));
          if (matcher.find()) {
            port[0] = Integer.parseInt(matcher.group(1));
          }
          return port[0] > 0;
        });
    URI base = URI.create("http://127.0.0.1:" + port[0]);
    IngestTestKit.await(
        Duration.ofMinutes(2),
        "the sink to be ready (log %s)".formatted(log),
        () -> get(base.resolve("/health/ready")).statusCode() == 200);
    HttpResponse<String> live = get(base.resolve("/health/live"));
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
    return base.resolve("/metrics");
  }

  private long consumed(URI metrics) throws Exception {
    Matcher matcher = CONSUMED.matcher(get(metrics).body());
    return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
