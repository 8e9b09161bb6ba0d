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
  void writesRunAtTheSameTimeAndReturnTheirResultsInTheOrderAdded() {
    // Each write waits for the other to start: run one after the other, they would never end.
    CountDownLatch bothStarted = new CountDownLatch(2);
    var results =
        new ConcurrentWrites<String>()
            .add("zone-stats", () -> awaitOther(bothStarted, "zones"))
            .add("payment-stats", () -> awaitOther(bothStarted, "payments"))
            .run();

    assertThat(results)
        .containsExactly(entry("zone-stats", "zones"), entry("payment-stats", "payments"));
  }

  @Test
  @Timeout(30)
  void aFailureIsRaisedOnlyAfterTheOtherWritesHaveEnded() {
    // The failing write comes first: waiting for the writes in order would raise it at once.
    CountDownLatch failed = new CountDownLatch(1);
    AtomicBoolean slowWriteEnded = new AtomicBoolean();
    ConcurrentWrites<String> writes =
        new ConcurrentWrites<String>()
            .add(
                "failing",
                () -> {
                  failed.countDown();
                  throw new IllegalStateException("s3a://raw/broken.parquet is damaged");
                })
            .add(
                "slow",
                () -> {
                  failed.await();
                  Thread.sleep(300);
                  slowWriteEnded.set(true);
                  return "slow";
                });

    assertThatThrownBy(writes::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("s3a://raw/broken.parquet is damaged");
    assertThat(slowWriteEnded).isTrue();
  }

  @Test
  void twoWritesOfOneNameAreRefused() {
    ConcurrentWrites<String> writes = new ConcurrentWrites<String>().add("quarantine", () -> "a");

    assertThatThrownBy(() -> writes.add("quarantine", () -> "b"))
        .hasMessage("Two writes named quarantine");
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
