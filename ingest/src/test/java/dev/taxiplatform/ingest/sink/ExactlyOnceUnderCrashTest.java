package dev.taxiplatform.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.testing.TestJvm;
import dev.taxiplatform.ingest.IngestTestKit;
import dev.taxiplatform.ingest.generate.EventClock;
import dev.taxiplatform.ingest.generate.RideStream;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real {@code platform sink} processes with SIGKILL at several points mid-stream, restarts
 * them, and proves with DuckDB (an independent reader) that every produced ride is in S3 exactly
 * once.
 */
class ExactlyOnceUnderCrashTest {
  private static final int RIDES = 36_000;
  private static final Instant START = Instant.parse("2026-11-20T22:00:00Z");

  @TempDir Path workDir;

  @Test
  void everyRideIsStoredExactlyOnceDespiteThreeSigkills() throws Exception {
    IngestTestKit kit = IngestTestKit.create("crash");
    // Rides spread over three days, so batches hold several days and files per day.
    RideStream stream = new RideStream(99, EventClock.simulated(START, 0.2, 99), 0);
    List<RideStream.Event> produced = new ArrayList<>(kit.produce(stream, RIDES / 2));

    List<String> args = new ArrayList<>(List.of("sink", "--metrics-port", "0"));
    args.addAll(kit.configArguments("sink.batch-size=1500", "sink.flush-interval=5s"));
    Path log = workDir.resolve("sink.log");

    long[] killAt = {RIDES / 8, RIDES * 4 / 8, RIDES * 6 / 8};
    List<Long> committedAtKill = new ArrayList<>();
    CompletableFuture<List<RideStream.Event>> secondHalf = null;
    for (int kill = 0; kill < killAt.length; kill++) {
      Process sink = IngestTestKit.startIngestProcess(args, log);
      long threshold = killAt[kill];
      IngestTestKit.await(
          Duration.ofMinutes(3),
          "the sink to commit %d offsets (log %s)".formatted(threshold, log),
          () -> kit.committed() >= threshold || !sink.isAlive());
      assertThat(sink.isAlive()).as("sink alive before kill %d; log %s", kill, log).isTrue();
      sink.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no commit
      assertThat(sink.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(sink.exitValue()).isEqualTo(137);
      committedAtKill.add(kit.committed());
      if (kill == 0) {
        // The rest of the rides arrive while the sink crashes and restarts.
        secondHalf = CompletableFuture.supplyAsync(() -> produceRest(kit, stream));
      }
    }
    produced.addAll(secondHalf.get(5, TimeUnit.MINUTES));

    Process last = IngestTestKit.startIngestProcess(args, log);
    kit.awaitAllCommitted(Duration.ofMinutes(5));
    last.destroy(); // SIGTERM: graceful
    assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // The JVM reports SIGTERM as 143 even after its shutdown hook flushed and committed.
    assertThat(last.exitValue()).as("exit on SIGTERM; log %s", log).isEqualTo(143);

    // Every kill happened mid-stream: after some commits, before all of them.
    assertThat(committedAtKill).hasSize(3).allSatisfy(c -> assertThat(c).isBetween(1L, RIDES - 1L));
    assertThat(Files.readString(log)).contains("Stopped; every record read was written");

    Path files = workDir.resolve("s3");
    List<String> keys = kit.download(files);
    Pattern keyPattern =
        Pattern.compile(
            Pattern.quote(kit.topic())
                + "/year=\\d{4}/month=\\d{2}/day=\\d{2}/"
                + Pattern.quote(kit.topic())
                + "\\+[0-2]\\+\\d{20}\\.parquet");
    assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(k).matches(keyPattern));

    Set<String> expected = new HashSet<>();
    produced.forEach(e -> expected.add(e.ride().rideId()));
    assertThat(expected).hasSize(RIDES);
    assertStoredExactlyOnce(files.resolve(kit.topic()), expected);
    String glob = files.resolve(kit.topic()) + "/**/*.parquet";
    try (Connection duck = IngestTestKit.duckDb();
        Statement statement = duck.createStatement()) {
      // Each file holds the rides of the day its key names.
      try (ResultSet wrongDay =
          statement.executeQuery(
              ("SELECT count(*) FROM read_parquet('%s', filename = true)"
                      + " WHERE strpos(filename, 'year=' || substr(event_timestamp, 1, 4)"
                      + " || '/month=' || substr(event_timestamp, 6, 2)"
                      + " || '/day=' || substr(event_timestamp, 9, 2) || '/') = 0")
                  .formatted(glob))) {
        assertThat(wrongDay.next()).isTrue();
        assertThat(wrongDay.getLong(1)).isZero();
      }
    }
    assertThat(keys.stream().map(k -> k.substring(0, k.indexOf("/day=") + 7)).distinct())
        .hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void aSinkKilledWithABatchStoredButNotCommittedRewritesTheSameObjects() throws Exception {
    IngestTestKit kit = IngestTestKit.create("window");
    RideStream stream = new RideStream(7, EventClock.simulated(START, 0.2, 7), 0);
    List<RideStream.Event> produced = kit.produce(stream, 9_000);
    List<String> config = kit.configArguments("sink.batch-size=1500", "sink.flush-interval=5s");
    List<String> hooked = new ArrayList<>(List.of("3", kit.stack().dataDir().toString()));
    for (int i = 0; i + 1 < config.size(); i++) {
      if (config.get(i).equals("--set")) {
        hooked.add(config.get(i + 1));
      }
    }
    Path log = workDir.resolve("sink.log");

    // The third batch's objects are stored; its offsets are not committed: SIGKILL right there.
    Process stopped = TestJvm.start(SinkStoppedBeforeCommit.class, hooked, log);
    IngestTestKit.await(
        Duration.ofMinutes(3),
        "the sink to stop inside the window (log %s)".formatted(log),
        () ->
            Files.readString(log).contains(SinkStoppedBeforeCommit.STOPPED) || !stopped.isAlive());
    assertThat(stopped.isAlive()).as("stopped in the window; log %s", log).isTrue();
    long committedAtKill = kit.committed();
    List<String> keysAtKill = kit.objectKeys();
    Path atKill = workDir.resolve("at-kill");
    kit.download(atKill);
    stopped.destroyForcibly();
    assertThat(stopped.waitFor(30, TimeUnit.SECONDS)).isTrue();
    try (Connection duck = IngestTestKit.duckDb();
        Statement statement = duck.createStatement();
        ResultSet stored =
            statement.executeQuery(
                "SELECT count(*) FROM read_parquet('%s/**/*.parquet')"
                    .formatted(atKill.resolve(kit.topic())))) {
      assertThat(stored.next()).isTrue();
      assertThat(stored.getLong(1))
          .as("the killed sink stored more rides than it committed offsets")
          .isGreaterThan(committedAtKill);
    }

    List<String> args = new ArrayList<>(List.of("sink", "--metrics-port", "0"));
    args.addAll(config);
    Process restarted = IngestTestKit.startIngestProcess(args, log);
    kit.awaitAllCommitted(Duration.ofMinutes(3));
    restarted.destroy();
    assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(kit.objectKeys()).as("re-delivery rewrote the same objects").containsAll(keysAtKill);
    Set<String> expected = new HashSet<>();
    produced.forEach(e -> expected.add(e.ride().rideId()));
    Path files = workDir.resolve("s3");
    kit.download(files);
    assertStoredExactlyOnce(files.resolve(kit.topic()), expected);
  }

  /** Every expected ride is in the Parquet files under {@code directory} once, and no other. */
  private static void assertStoredExactlyOnce(Path directory, Set<String> expected)
      throws Exception {
    String glob = directory + "/**/*.parquet";
    try (Connection duck = IngestTestKit.duckDb();
        Statement statement = duck.createStatement()) {
      try (ResultSet counts =
          statement.executeQuery(
              "SELECT count(*), count(DISTINCT ride_id) FROM read_parquet('%s')".formatted(glob))) {
        assertThat(counts.next()).isTrue();
        assertThat(counts.getLong(1)).as("rows").isEqualTo(expected.size());
        assertThat(counts.getLong(2)).as("distinct ride ids").isEqualTo(expected.size());
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

  private static List<RideStream.Event> produceRest(IngestTestKit kit, RideStream stream) {
    try {
      return kit.produce(stream, RIDES - RIDES / 2);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
