package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.database.DatabaseException;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.Warehouse;
import dev.taxiplatform.transform.graph.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a plan on {@code threads} workers: a node starts once everything it waits for has finished;
 * a node whose upstream failed (or was skipped) is skipped; with fail-fast, the first failure skips
 * everything not yet started.
 */
public final class DagRunner {
  private final NodeExecutor executor;
  private final Warehouse warehouse;
  private final ConsoleReporter reporter;
  private final int threads;
  private final boolean failFast;

  public DagRunner(
      NodeExecutor executor,
      Warehouse warehouse,
      ConsoleReporter reporter,
      int threads,
      boolean failFast) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.threads = threads;
    this.failFast = failFast;
  }

  /** Runs the plan; results are in the order nodes finished. */
  public List<NodeResult> run(ExecutionPlan plan) {
    int total = plan.order().size();
    Map<String, Integer> position = new HashMap<>();
    Map<String, Node> byId = new LinkedHashMap<>();
    for (Node node : plan.order()) {
      position.put(node.uniqueId(), position.size());
      byId.put(node.uniqueId(), node);
    }
    Map<String, Integer> pending = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (Node node : plan.order()) {
      Set<String> waits = plan.waitsFor().get(node.uniqueId());
      pending.put(node.uniqueId(), waits.size());
      for (String upstream : waits) {
        dependents.computeIfAbsent(upstream, k -> new ArrayList<>()).add(node.uniqueId());
      }
    }
    TreeMap<Integer, String> ready = new TreeMap<>();
    for (Node node : plan.order()) {
      if (pending.get(node.uniqueId()) == 0) {
        ready.put(position.get(node.uniqueId()), node.uniqueId());
      }
    }
    Set<String> doomed = new HashSet<>();
    List<NodeResult> results = new ArrayList<>();
    AtomicInteger workerNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread thread =
                  new Thread(r, "Thread-" + workerNumber.incrementAndGet() + " (worker)");
              thread.setDaemon(true);
              return thread;
            });
    CompletionService<NodeResult> completion = new ExecutorCompletionService<>(pool);
    Map<String, Integer> indexOf = new HashMap<>();
    int started = 0;
    int running = 0;
    boolean stopped = false;
    try {
      while (results.size() < total) {
        while (!ready.isEmpty()
            && (running < threads || doomed.contains(ready.firstEntry().getValue()) || stopped)) {
          String id = ready.pollFirstEntry().getValue();
          Node node = byId.get(id);
          int index = ++started;
          indexOf.put(id, index);
          if (doomed.contains(id) || stopped) {
            NodeResult skipped =
                NodeResult.skipped(
                    id, stopped ? "Skipped: fail-fast" : "Skipped: an upstream node failed");
            reporter.finish(node, skipped, index, total);
            results.add(skipped);
            release(id, false, dependents, pending, ready, position, doomed);
            continue;
          }
          reporter.start(node, index, total);
          running++;
          completion.submit(
              () -> {
                try (Session session = warehouse.open()) {
                  return executor.execute(node, session);
                }
              });
        }
        if (results.size() >= total) {
          break;
        }
        Future<NodeResult> future = completion.take();
        running--;
        NodeResult result = get(future);
        Node node = byId.get(result.uniqueId());
        reporter.finish(node, result, indexOf.get(result.uniqueId()), total);
        results.add(result);
        boolean ok = result.status().letsDependentsRun();
        if (!ok && failFast) {
          stopped = true;
        }
        release(result.uniqueId(), ok, dependents, pending, ready, position, doomed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running nodes", e);
    } finally {
      pool.shutdownNow();
    }
    return results;
  }

  private static NodeResult get(Future<NodeResult> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DatabaseException database) {
        throw database;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void release(
      String id,
      boolean ok,
      Map<String, List<String>> dependents,
      Map<String, Integer> pending,
      TreeMap<Integer, String> ready,
      Map<String, Integer> position,
      Set<String> doomed) {
    for (String dependent : dependents.getOrDefault(id, List.of())) {
      if (!ok) {
        doomed.add(dependent);
      }
      int left = pending.merge(dependent, -1, Integer::sum);
      if (left == 0) {
        ready.put(position.get(dependent), dependent);
      }
    }
  }
}
