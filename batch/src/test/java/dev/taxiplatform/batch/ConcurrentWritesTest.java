package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Writes run side by side; a failure is raised only once every write has ended. */
class ConcurrentWritesTest {
  @Test
  @Timeout(30)
  void writesRunAtTheSameTimeAndReturnTheirResultsInTheOrderStarted() {
    // Each write waits for the other to start: run one after the other, they would never end.
    CountDownLatch bothStarted = new CountDownLatch(2);
    try (ConcurrentWrites<String> writes = new ConcurrentWrites<>()) {
      var results =
          writes
              .start("zone-stats", () -> awaitOther(bothStarted, "zones"))
              .start("payment-stats", () -> awaitOther(bothStarted, "payments"))
              .results();

      assertThat(results)
          .containsExactly(entry("zone-stats", "zones"), entry("payment-stats", "payments"));
    }
  }

  @Test
  @Timeout(30)
  void aWriteStartsWhenItIsStartedNotWhenTheResultsAreAsked() throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    try (ConcurrentWrites<String> writes = new ConcurrentWrites<>()) {
      writes.start(
          "quarantine",
          () -> {
            running.countDown();
            return "quarantined";
          });

      assertThat(running.await(10, TimeUnit.SECONDS)).as("the write ran").isTrue();
      assertThat(writes.results()).containsExactly(entry("quarantine", "quarantined"));
    }
  }

  @Test
  @Timeout(30)
  void closingWaitsForTheWritesStartedWhenTheirResultsAreNeverAsked() {
    // The run failed after starting the write: it must not clean up while the write goes on.
    AtomicBoolean slowWriteEnded = new AtomicBoolean();
    ConcurrentWrites<String> writes = new ConcurrentWrites<>();
    writes.start(
        "quarantine",
        () -> {
          Thread.sleep(300);
          slowWriteEnded.set(true);
          return "quarantined";
        });

    writes.close();

    assertThat(slowWriteEnded).isTrue();
  }

  @Test
  @Timeout(30)
  void aFailureIsRaisedOnlyAfterTheOtherWritesHaveEnded() {
    // The failing write comes first: waiting for the writes in order would raise it at once.
    CountDownLatch failed = new CountDownLatch(1);
    AtomicBoolean slowWriteEnded = new AtomicBoolean();
    ConcurrentWrites<String> writes =
        new ConcurrentWrites<String>()
            .start(
                "failing",
                () -> {
                  failed.countDown();
                  throw new IllegalStateException("s3a://raw/broken.parquet is damaged");
                })
            .start(
                "slow",
                () -> {
                  failed.await();
                  Thread.sleep(300);
                  slowWriteEnded.set(true);
                  return "slow";
                });

    assertThatThrownBy(writes::results)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("s3a://raw/broken.parquet is damaged");
    assertThat(slowWriteEnded).isTrue();
    writes.close();
  }

  @Test
  void twoWritesOfOneNameAreRefused() {
    try (ConcurrentWrites<String> writes = new ConcurrentWrites<>()) {
      writes.start("quarantine", () -> "a");

      assertThatThrownBy(() -> writes.start("quarantine", () -> "b"))
          .hasMessage("Two writes named quarantine");
    }
  }

  private static String awaitOther(CountDownLatch bothStarted, String result)
      throws InterruptedException {
    bothStarted.countDown();
    assertThat(bothStarted.await(10, TimeUnit.SECONDS)).as("the other write started").isTrue();
    return result;
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }
}
