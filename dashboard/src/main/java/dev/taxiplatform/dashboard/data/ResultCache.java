package dev.taxiplatform.dashboard.data;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Query results kept for a while: a value is computed once per key and time-to-live, and concurrent
 * requests for the same key wait for that one computation rather than run their own. Failures are
 * not kept: the next request tries again.
 *
 * @param <K> the key (e.g. a panel and its date range)
 * @param <V> the result
 */
public final class ResultCache<K, V> {
  /** Computes a value; may fail. */
  @FunctionalInterface
  public interface Loader<V, E extends Exception> {
    V load() throws E;
  }

  /** Whether a request was answered from the cache. */
  public enum Outcome {
    HIT,
    MISS
  }

  private record Entry<V>(CompletableFuture<V> value, long expiresAtNanos) {}

  private final long timeToLiveNanos;
  private final int maxEntries;
  private final LongSupplier nanoTime;
  private final Map<Object, Entry<V>> entries = new ConcurrentHashMap<>();

  /**
   * @param timeToLive how long a value is kept after it was computed
   * @param maxEntries past this many keys, expired entries are dropped (all, if none expired)
   * @param nanoTime the clock, {@link System#nanoTime()} but for tests
   */
  public ResultCache(Duration timeToLive, int maxEntries, LongSupplier nanoTime) {
    this.timeToLiveNanos = requireNonNull(timeToLive, "timeToLive").toNanos();
    this.maxEntries = maxEntries;
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
  }

  /** The value of {@code key}: kept, being computed by another request, or computed now. */
  public <E extends Exception> V get(K key, Loader<V, E> loader, Class<E> failure) throws E {
    return lookup(key, loader, failure).value;
  }

  /** As {@link #get}, also saying whether the value came from the cache. */
  public <E extends Exception> Result<V> lookup(K key, Loader<V, E> loader, Class<E> failure)
      throws E {
    long now = nanoTime.getAsLong();
    Entry<V> existing = entries.get(key);
    if (existing != null && (!existing.value().isDone() || existing.expiresAtNanos() - now > 0)) {
      return new Result<>(await(existing, failure), Outcome.HIT);
    }
    Entry<V> mine = new Entry<>(new CompletableFuture<>(), now + timeToLiveNanos);
    Entry<V> winner =
        existing == null
            ? entries.putIfAbsent(key, mine)
            : (entries.replace(key, existing, mine) ? null : entries.get(key));
    if (winner != null) {
      return new Result<>(await(winner, failure), Outcome.HIT);
    }
    trim(now);
    try {
      V value = loader.load();
      mine.value().complete(value);
      return new Result<>(value, Outcome.MISS);
    } catch (Exception e) {
      entries.remove(key, mine);
      mine.value().completeExceptionally(e);
      throw rethrow(e, failure);
    }
  }

  /** Forgets every value. */
  public void clear() {
    entries.clear();
  }

  /**
   * A value and where it came from.
   *
   * @param value the value
   * @param outcome a hit (kept or shared) or a miss (computed for this request)
   */
  public record Result<V>(V value, Outcome outcome) {}

  private <E extends Exception> V await(Entry<V> entry, Class<E> failure) throws E {
    try {
      return entry.value().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a query", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw rethrow(exception, failure);
      }
      throw new IllegalStateException(cause);
    }
  }

  private void trim(long now) {
    if (entries.size() <= maxEntries) {
      return;
    }
    entries.values().removeIf(e -> e.value().isDone() && e.expiresAtNanos() - now <= 0);
    if (entries.size() > maxEntries) {
      entries.values().removeIf(e -> e.value().isDone());
    }
  }

  private static <E extends Exception> E rethrow(Exception e, Class<E> failure) {
    if (failure.isInstance(e)) {
      return failure.cast(e);
    }
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new IllegalStateException(e);
  }
}
