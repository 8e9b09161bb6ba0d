package dev.taxiplatform.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import dev.taxiplatform.core.testing.PlatformCli;
import dev.taxiplatform.ingest.IngestTestKit;
import dev.taxiplatform.ingest.generate.EventClock;
import dev.taxiplatform.ingest.generate.RideStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 faults under a running sink, on the test stack's real S3 server: killed several times in a row
 * (the stack's supervisor restarts it each time) and stopped ({@code SIGSTOP}) for longer than two
 * of the S3 client's request attempts. The sink rides each out without exiting, reports the stall
 * on its health meanwhile, and in the end every ride is in S3 exactly once.
 */
class S3OutageTest {
  private static final int EVENTS_PER_ROUND = 400;

  /**
   * The longest one S3 request of the test's sink may take: shorter than the connection's socket
   * timeout ({@link dev.taxiplatform.core.connect.S3Connection#SOCKET_TIMEOUT}), so that an upload
   * to the stopped server times out well within the outage.
   */
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  @Test
  void severalS3CrashesInARowDoNotLeaveTheSinkDown() throws Exception {
    IngestTestKit kit = IngestTestKit.create("s3-crash");
    RideStream rides = rides(1);
    List<String> produced = new ArrayList<>();
    try (RunningSink sink = new RunningSink(kit)) {
      for (int round = 1; round <= 3; round++) {
        produced.addAll(ids(kit.produce(rides, EVENTS_PER_ROUND)));
        kit.awaitAllCommitted(Duration.ofMinutes(2));
        long s3Pid = s3Pid(kit);
        signal("KILL", s3Pid);
        // Written while S3 is gone: the sink retries until the supervisor has S3 back.
        produced.addAll(ids(kit.produce(rides, EVENTS_PER_ROUND)));
        sink.sink.requestFlush();
        kit.awaitAllCommitted(Duration.ofMinutes(3));
        assertThat(s3Pid(kit)).as("round %d: S3 was restarted", round).isNotEqualTo(s3Pid);
        assertThat(sink.failure()).isNull();
      }
      assertThat(sink.sink.problem()).isNull();
    }
    assertExactlyOnce(kit, produced);
  }

  @Test
  void aHungS3IsReportedBySinkAndStatusAndEverythingResumesAfterIt() throws Exception {
    IngestTestKit kit = IngestTestKit.create("s3-hang");
    RideStream rides = rides(2);
    List<String> produced = new ArrayList<>();
    try (RunningSink sink = new RunningSink(kit)) {
      produced.addAll(ids(kit.produce(rides, EVENTS_PER_ROUND)));
      kit.awaitAllCommitted(Duration.ofMinutes(2));
      long s3Pid = s3Pid(kit);
      Instant stopped = Instant.now();
      signal("STOP", s3Pid);
      try {
        produced.addAll(ids(kit.produce(rides, EVENTS_PER_ROUND)));
        sink.sink.requestFlush();
        AtomicReference<String> problem = new AtomicReference<>();
        IngestTestKit.await(
            Duration.ofSeconds(40),
            "the sink to report the stalled upload",
            () -> {
              problem.set(sink.sink.problem());
              return problem.get() != null;
            });
        assertThat(problem.get())
            .contains("storing s3://" + kit.bucket())
            .contains("has not succeeded for");

        PlatformCli.Result status =
            kit.stack()
                .cli()
                .run("status", "--json", "--data-dir", kit.stack().dataDir().toString());
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(1);
        assertThat(status.output())
            .containsPattern("\"name\" : \"s3\",[^}]*\"health\" : \"UNHEALTHY\"");

        // Longer than two of the sink's upload attempts: the one in flight times out and retries.
        long waited = Duration.between(stopped, Instant.now()).toMillis();
        Thread.sleep(Math.max(0, ATTEMPT_TIMEOUT.multipliedBy(2).toMillis() - waited));
      } finally {
        signal("CONT", s3Pid);
      }
      kit.awaitAllCommitted(Duration.ofMinutes(3));
      assertThat(s3Pid(kit)).isEqualTo(s3Pid);
      assertThat(sink.failure()).isNull();
      IngestTestKit.await(
          Duration.ofSeconds(30), "the sink healthy again", () -> sink.sink.problem() == null);
      PlatformCli.Result status =
          kit.stack().cli().run("status", "--data-dir", kit.stack().dataDir().toString());
      assertThat(status.exitCode()).as(status.toString()).isZero();
    }
    assertExactlyOnce(kit, produced);
  }

  /** Every produced ride once in the raw bucket, nothing else; nothing dead-lettered. */
  private static void assertExactlyOnce(IngestTestKit kit, List<String> produced) throws Exception {
    Map<String, Integer> copies = kit.storedRideIds();
    assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(produced);
    assertThat(copies.values()).allMatch(n -> n == 1);
    assertThat(kit.endOffsets(kit.deadLetterTopic())).isZero();
  }

  private static RideStream rides(long seed) {
    return new RideStream(
        seed, EventClock.simulated(Instant.now().minus(Duration.ofHours(3)), 10, seed), 0);
  }

  private static List<String> ids(List<RideStream.Event> events) {
    return events.stream().map(e -> e.ride().rideId()).toList();
  }

  private static long s3Pid(IngestTestKit kit) throws Exception {
    AtomicReference<Long> pid = new AtomicReference<>();
    IngestTestKit.await(
        Duration.ofMinutes(2),
        "S3 recorded as healthy",
        () -> {
          ServiceState s3 =
              StackState.read(new StackLayout(kit.stack().dataDir()))
                  .flatMap(state -> state.service(Connections.S3))
                  .orElseThrow();
          pid.set(s3.pid());
          return s3.health() == ServiceState.Health.HEALTHY;
        });
    return pid.get();
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  /** A sink on the kit's topic and bucket, running in its own thread. */
  private static final class RunningSink implements AutoCloseable {
    final RideSink sink;
    private final S3Client s3;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    RunningSink(IngestTestKit kit) {
      s3 =
          kit.stack()
              .connections()
              .s3()
              .clientBuilder()
              .overrideConfiguration(o -> o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT))
              .build();
      sink =
          new RideSink(
              kit.sinkOptions(100_000, Duration.ofSeconds(1), "zstd", 64L * 1024 * 1024),
              kit.kafka(),
              s3,
              new SinkMetrics(new SimpleMeterRegistry()),
              FlushObserver.NONE);
      thread =
          new Thread(
              () -> {
                try {
                  sink.run();
                } catch (Throwable e) {
                  failure.set(e);
                }
              },
              "test-sink");
      thread.start();
    }

    /** What stopped the sink, or null while it runs. */
    Throwable failure() {
      if (failure.get() == null && !thread.isAlive()) {
        return new IllegalStateException("the sink returned without being stopped");
      }
      return failure.get();
    }

    @Override
    public void close() {
      sink.stop();
      try {
        thread.join(TimeUnit.MINUTES.toMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sink.close();
      s3.close();
    }
  }
}
