package dev.taxiplatform.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A run's independent Spark writes, run at the same time. A small write spends most of its time
 * planning and waiting on the object store, so side by side they take little longer than the
 * longest of them. A failure is raised only once every write has ended: nothing is still writing
 * when the run fails and cleans up.
 *
 * @param <T> what each write returns
 */
final class ConcurrentWrites<T> {
  private final Map<String, Callable<T>> writes = new LinkedHashMap<>();

  /** Adds a write, named for its thread. */
  ConcurrentWrites<T> add(String name, Callable<T> write) {
    if (writes.putIfAbsent(name, write) != null) {
      throw new IllegalArgumentException("Two writes named " + name);
    }
    return this;
  }

  /** Runs every write and returns their results by name, in the order they were added. */
  Map<String, T> run() {
    if (writes.isEmpty()) {
      return Map.of();
    }
    List<String> names = new ArrayList<>(writes.keySet());
    ExecutorService threads =
        Executors.newFixedThreadPool(
            writes.size(),
            task -> {
              Thread thread = new Thread(task, "batch-write");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<T>> running = new ArrayList<>();
      for (String name : names) {
        Callable<T> write = writes.get(name);
        running.add(
            threads.submit(
                () -> {
                  Thread.currentThread().setName("batch-write-" + name);
                  return write.call();
                }));
      }
      Map<String, T> results = new LinkedHashMap<>();
      RuntimeException failure = null;
      for (int i = 0; i < names.size(); i++) {
        try {
          results.put(names.get(i), running.get(i).get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = asRuntime(e.getCause());
          } else {
            failure.addSuppressed(e.getCause());
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while writing the run's outputs", e);
    } finally {
      threads.shutdownNow();
    }
  }

  private static RuntimeException asRuntime(Throwable cause) {
    return cause instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(cause.getMessage(), cause);
  }
}
