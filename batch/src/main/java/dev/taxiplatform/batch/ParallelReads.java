package dev.taxiplatform.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads in the driver, several at a time: each waits for the object store more than it computes.
 */
final class ParallelReads {
  private static final int THREADS = 8;

  private ParallelReads() {}

  /**
   * {@code read} applied to each of {@code items}, results in their order; the first failure is
   * thrown as it is (unchecked), and {@code what} names the work when interrupted.
   */
  static <T, R> List<R> map(List<T> items, Function<T, R> read, String what) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<R>> reads = new ArrayList<>();
      for (T item : items) {
        reads.add(pool.submit(() -> read.apply(item)));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> result : reads) {
        results.add(result.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + what, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
