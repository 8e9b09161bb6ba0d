package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session started on first use, stopped on close if it was: a run that finds nothing to
 * process, or another run holding the lock, does not pay for starting Spark.
 */
final class LazySparkSession implements Supplier<SparkSession>, AutoCloseable {
  private final Supplier<SparkSession> start;
  private SparkSession session;

  LazySparkSession(Supplier<SparkSession> start) {
    this.start = requireNonNull(start, "start");
  }

  @Override
  public synchronized SparkSession get() {
    if (session == null) {
      session = start.get();
    }
    return session;
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.stop();
    }
  }
}
