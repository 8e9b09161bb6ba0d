package dev.taxiplatform.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResultCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final ResultCache<String, Integer> cache =
      new ResultCache<>(Duration.ofSeconds(30), 3, now::get);
  private final AtomicInteger loads = new AtomicInteger();

  private Integer load() {
    return loads.incrementAndGet();
  }

  @Test
  void aValueIsKeptForItsTimeToLiveThenComputedAgain() throws Exception {
    assertThat(cache.lookup("a", this::load, RuntimeException.class))
        .isEqualTo(new ResultCache.Result<>(1, ResultCache.Outcome.MISS));
    now.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(cache.lookup("a", this::load, RuntimeException.class))
        .isEqualTo(new ResultCache.Result<>(1, ResultCache.Outcome.HIT));
    assertThat(cache.get("b", this::load, RuntimeException.class)).isEqualTo(2);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(cache.lookup("a", this::load, RuntimeException.class))
        .isEqualTo(new ResultCache.Result<>(3, ResultCache.Outcome.MISS));
    cache.clear();
    assertThat(cache.get("b", this::load, RuntimeException.class)).isEqualTo(4);
  }

  @Test
  void failuresAreNotKept() {
    assertThatThrownBy(
            () ->
                cache.get(
                    "a",
                    () -> {
                      throw new IOException("down");
                    },
                    IOException.class))
        .isInstanceOf(IOException.class)
        .hasMessage("down");
    assertThat(cache.get("a", this::load, RuntimeException.class)).isEqualTo(1);
  }

  @Test
  void concurrentRequestsForOneKeyShareOneComputation() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Integer> first =
          pool.submit(
              () ->
                  cache.get(
                      "a",
                      () -> {
                        started.countDown();
                        release.await();
                        return load();
                      },
                      InterruptedException.class));
      started.await();
      List<InFlight> others = List.of(new InFlight(pool), new InFlight(pool));
      // Only once both are waiting inside the cache (or, were it not to share, done on their own)
      // does the first computation finish.
      for (InFlight other : others) {
        other.awaitWaitingOrDone();
      }
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      for (InFlight other : others) {
        assertThat(other.result.get(10, TimeUnit.SECONDS))
            .isEqualTo(new ResultCache.Result<>(1, ResultCache.Outcome.HIT));
      }
      assertThat(loads).hasValue(1);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /** A lookup of "a" on a thread of its own, whose state the test can watch. */
  private final class InFlight {
    private final CountDownLatch entered = new CountDownLatch(1);
    private volatile Thread thread;
    private final Future<ResultCache.Result<Integer>> result;

    InFlight(ExecutorService pool) {
      result =
          pool.submit(
              () -> {
                thread = Thread.currentThread();
                entered.countDown();
                return cache.lookup("a", ResultCacheTest.this::load, RuntimeException.class);
              });
    }

    void awaitWaitingOrDone() throws InterruptedException {
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!result.isDone() && thread.getState() != Thread.State.WAITING) {
        assertThat(System.nanoTime()).as("the lookup waits or ends").isLessThan(deadline);
        Thread.sleep(1);
      }
    }
  }

  @Test
  void pastItsSizeExpiredEntriesAreDropped() {
    for (String key : List.of("a", "b", "c", "d")) {
      cache.get(key, this::load, RuntimeException.class);
    }
    now.addAndGet(Duration.ofMinutes(1).toNanos());
    cache.get("e", this::load, RuntimeException.class);
    // Everything else expired and was dropped; "e" is kept.
    assertThat(cache.lookup("e", this::load, RuntimeException.class).outcome())
        .isEqualTo(ResultCache.Outcome.HIT);
    assertThat(loads).hasValue(5);
  }
}
