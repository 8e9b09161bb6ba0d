package dev.taxiplatform.batch;

import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The data a run keeps in Spark's block manager (persisted or locally checkpointed), released when
 * the run ends: a warm batch service must not accumulate every run's rides in memory.
 */
final class RunBlocks implements AutoCloseable {
  private final JavaSparkContext context;
  private final Set<Integer> keptBefore;

  private RunBlocks(JavaSparkContext context) {
    this.context = context;
    this.keptBefore = Set.copyOf(context.getPersistentRDDs().keySet());
  }

  /** Starts tracking what is kept from now on in {@code spark}. */
  static RunBlocks track(SparkSession spark) {
    return new RunBlocks(JavaSparkContext.fromSparkContext(spark.sparkContext()));
  }

  /** Releases what was kept since tracking started. */
  @Override
  public void close() {
    context
        .getPersistentRDDs()
        .forEach(
            (id, rdd) -> {
              if (!keptBefore.contains(id)) {
                rdd.unpersist(false);
              }
            });
  }
}
