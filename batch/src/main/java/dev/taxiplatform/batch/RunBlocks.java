package dev.taxiplatform.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The data a run keeps in Spark's block manager (persisted or locally checkpointed) and its local
 * copies of objects, released when the run ends: a warm batch service must not accumulate every
 * run's rides in memory or on disk.
 */
final class RunBlocks implements AutoCloseable {
  private final JavaSparkContext context;
  private final Set<Integer> keptBefore;
  private final List<Dataset<Row>> persisted = new ArrayList<>();
  private final List<ObjectReads> copies = new ArrayList<>();

  private RunBlocks(JavaSparkContext context) {
    this.context = context;
    this.keptBefore = Set.copyOf(context.getPersistentRDDs().keySet());
  }

  /** Starts tracking what is kept from now on in {@code spark}. */
  static RunBlocks track(SparkSession spark) {
    return new RunBlocks(JavaSparkContext.fromSparkContext(spark.sparkContext()));
  }

  /**
   * {@code data}, kept (memory, spilling to local disk) by the first job that computes it, for the
   * later jobs of the run to read from there.
   */
  Dataset<Row> persist(Dataset<Row> data) {
    persisted.add(data.persist(StorageLevel.MEMORY_AND_DISK()));
    return data;
  }

  /** {@code reads}, whose local copies go when the run ends. */
  ObjectReads keep(ObjectReads reads) {
    copies.add(reads);
    return reads;
  }

  /** Releases what was kept since tracking started. */
  @Override
  public void close() {
    copies.forEach(ObjectReads::close);
    persisted.forEach(data -> data.unpersist(false));
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
