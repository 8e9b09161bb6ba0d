package dev.taxiplatform.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's scheduler pools in the batch session: work run {@link #first} takes every free core
 * before anything else, so writes started beside it (a large run's quarantine) run on the cores it
 * leaves idle, as its last tasks end, instead of delaying it. Everything else shares the default
 * pool, first come first served, as without pools.
 */
final class SchedulerPools {
  private static final String POOL_PROPERTY = "spark.scheduler.pool";
  private static final String FIRST = "first";

  // A pool below its minimum share is served before pools that are not: no pool runs that many
  // tasks, so this one always is.
  private static final String ALLOCATIONS =
      """
      <?xml version="1.0"?>
      <allocations>
        <pool name="%s">
          <schedulingMode>FIFO</schedulingMode>
          <weight>1</weight>
          <minShare>1000000</minShare>
        </pool>
      </allocations>
      """
          .formatted(FIRST);

  private SchedulerPools() {}

  /** Fair scheduling between the pools, defined in a file written under {@code scratch}. */
  static SparkSession.Builder configure(SparkSession.Builder builder, Path scratch) {
    Path file = scratch.resolve("scheduler-pools.xml");
    try {
      Files.createDirectories(scratch);
      Files.writeString(file, ALLOCATIONS);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Spark's scheduler pools to " + file, e);
    }
    return builder
        .config("spark.scheduler.mode", "FAIR")
        .config("spark.scheduler.allocation.file", file.toString());
  }

  /** {@code work}'s Spark jobs, submitted from this thread, served before any others. */
  static <T> T first(SparkSession spark, Supplier<T> work) {
    SparkContext context = spark.sparkContext();
    String before = context.getLocalProperty(POOL_PROPERTY);
    context.setLocalProperty(POOL_PROPERTY, FIRST);
    try {
      return work.get();
    } finally {
      context.setLocalProperty(POOL_PROPERTY, before);
    }
  }
}
