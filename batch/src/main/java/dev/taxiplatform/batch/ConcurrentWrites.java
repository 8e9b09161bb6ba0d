package dev.taxiplatform.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A run's independent Spark writes, each started at once in a thread of its own. A small write
 * spends most of its time planning and waiting on the object store, so side by side they take
 * little longer than the longest of them. A failure is raised only once every write has ended, and
 * closing waits for them all: nothing is still writing when the run fails and cleans up.
 *
 * @param <T> what each write returns
 */
final class ConcurrentWrites<T> implements AutoCloseable {
  private final Map<String, Future<T>> started = new LinkedHashMap<>();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "batch-write");
            thread.setDaemon(true);
            return thread;
          });

  /** Starts a write, named for its thread. */
  ConcurrentWrites<T> start(String name, Callable<T> write) {
    if (started.containsKey(name)) {
      throw new IllegalArgumentException("Two writes named " + name);
    }
    started.put(
        name,
        threads.submit(
            () -> {
              Thread.currentThread().setName("batch-write-" + name);
              return write.call();
            }));
    return this;
  }

  /**
   * Waits for every write started and returns their results by name, in the order they were
   * started; raises the first failure once all have ended.
   */
  Map<String, T> results() {
    Map<String, T> results = new LinkedHashMap<>();
    RuntimeException failure = null;
    for (Map.Entry<String, Future<T>> write : started.entrySet()) {
      try {
        results.put(write.getKey(), write.getValue().get());
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = asRuntime(e.getCause());
        } else {
          failure.addSuppressed(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while writing the run's outputs", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  /** Waits for every write started to end, whatever its outcome, and stops the threads. */
  @Override
  public void close() {
    threads.shutdown();
    for (Future<T> write : started.values()) {
      try {
        write.get();
      } catch (ExecutionException e) {
        // Raised by results(), or superseded by the failure that ends the run.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        threads.shutdownNow();
        return;
      }
    }
  }

  private static RuntimeException asRuntime(Throwable cause) {
    return cause instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(cause.getMessage(), cause);
  }
}
