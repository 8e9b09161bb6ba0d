package dev.taxiplatform.dashboard.bench;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.dashboard.data.DateRange;
import dev.taxiplatform.dashboard.data.Panel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads the page's data as a browser does, from several users at once: the status, then every
 * panel's JSON in parallel; a page's latency is from its first request to its last response.
 */
final class PageLoads {
  /**
   * What a run measured.
   *
   * @param pages each page's data latency
   * @param requests each request's latency
   * @param pagesPerSecond pages loaded per second over the run, all users together
   */
  record Result(Latencies pages, Latencies requests, double pagesPerSecond) {}

  /** One page load: the panels over a range, as requests or as queries. */
  interface Page {
    /** Loads one page; adds each request's latency to {@code requests}; returns its latency. */
    long load(DateRange range, List<Long> requests) throws Exception;
  }

  private PageLoads() {}

  /** Loads one page per range, {@code users} at a time. */
  static Result run(int users, List<DateRange> ranges, Page page) throws Exception {
    List<Long> pages = Collections.synchronizedList(new ArrayList<>());
    List<Long> requests = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(users);
    long start = System.nanoTime();
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < ranges.size();
                      i = next.getAndIncrement()) {
                    pages.add(page.load(ranges.get(i), requests));
                  }
                  return null;
                }));
      }
      for (Future<Void> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        Latencies.ofNanos(pages), Latencies.ofNanos(requests), ranges.size() / seconds);
  }

  /** A page load over HTTP against a dashboard: {@code /api/status}, then the panels. */
  static Page http(HttpClient client, URI base) {
    requireNonNull(client, "client");
    requireNonNull(base, "base");
    return (range, requests) -> {
      long start = System.nanoTime();
      get(client, base.resolve("/api/status"), requests).join();
      List<CompletableFuture<Void>> panels = new ArrayList<>();
      for (Panel panel : Panel.values()) {
        panels.add(get(client, base.resolve("/api/panels/" + panel.id() + query(range)), requests));
      }
      CompletableFuture.allOf(panels.toArray(CompletableFuture[]::new)).join();
      return System.nanoTime() - start;
    };
  }

  private static CompletableFuture<Void> get(HttpClient client, URI uri, List<Long> requests) {
    long start = System.nanoTime();
    return client
        .sendAsync(
            HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .thenAccept(
            response -> {
              requests.add(System.nanoTime() - start);
              if (response.statusCode() != 200) {
                throw new IllegalStateException(
                    "%s answered %d: %s".formatted(uri, response.statusCode(), response.body()));
              }
            });
  }

  static String query(DateRange range) {
    List<String> params = new ArrayList<>();
    range.from().ifPresent(d -> params.add("from=" + d));
    range.to().ifPresent(d -> params.add("to=" + d));
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }
}
