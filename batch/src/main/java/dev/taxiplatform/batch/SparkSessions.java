package dev.taxiplatform.batch;

import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.connect.S3Connection;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session the batch job runs in: S3A pointed at the platform's S3, the batch job's
 * commit protocol, UTC, and sizes that fit the data rather than a cluster's defaults.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for {@code settings.master()} (or the master spark-submit gave) reading and writing
   * through {@code s3}.
   *
   * @param scratch a local directory for S3A upload buffers and Spark's spill files
   */
  public static SparkSession create(BatchSettings settings, S3Connection s3, Path scratch) {
    // Under spark-submit the master (and deploy mode) come from spark-submit itself.
    String submitted = System.getProperty("spark.master");
    String master = submitted != null ? submitted : settings.master();
    boolean local = master.startsWith("local");
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("taxi-batch")
            .master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", Integer.toString(settings.shufflePartitions()))
            // As many read splits as shuffle partitions: by size alone, 5M raw rows are 3 splits,
            // one of which runs alone on a 2-core machine.
            .config(
                "spark.sql.files.minPartitionNum", Integer.toString(settings.shufflePartitions()))
            .config("spark.sql.adaptive.enabled", "true")
            // The run names its objects: a Spark job to list them in parallel costs more than it
            // saves.
            .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000")
            .config("spark.sql.files.maxRecordsPerFile", Long.toString(settings.maxRowsPerFile()))
            .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
            .config("spark.sql.parquet.compression.codec", "snappy")
            // Page checksums: written with every page, verified on every read, so damage inside a
            // page fails the read (and the object is skipped as corrupt) instead of being read.
            .config("spark.hadoop.parquet.page.write-checksum.enabled", "true")
            .config("spark.hadoop.parquet.page.verify-checksum.enabled", "true")
            .config("spark.sql.sources.partitionOverwriteMode", "static")
            // A run keeps its classified raw rows only until it ends: compressing them (per-value
            // dictionary statistics over boxed values) cost more than reading them back saves.
            .config("spark.sql.inMemoryColumnarStorage.compressed", "false")
            // Files are written in place and committed by the run's manifest, which names them.
            .config("spark.sql.sources.commitProtocolClass", ManifestCommitProtocol.class.getName())
            // Every file name is new (the commit protocol's), so S3A need not probe the key first.
            .config("spark.hadoop.fs.s3a.create.performance", "true")
            .config("spark.hadoop.fs.s3a.endpoint", s3.endpoint().toString())
            .config("spark.hadoop.fs.s3a.endpoint.region", s3.region())
            .config("spark.hadoop.fs.s3a.path.style.access", "true")
            .config(
                "spark.hadoop.fs.s3a.connection.ssl.enabled",
                Boolean.toString(
                    s3.endpoint().getScheme().toLowerCase(Locale.ROOT).equals("https")))
            .config(
                "spark.hadoop.fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
            .config("spark.hadoop.fs.s3a.access.key", s3.accessKey())
            .config("spark.hadoop.fs.s3a.secret.key", s3.secretKey())
            .config("spark.hadoop.fs.s3a.buffer.dir", scratch.resolve("s3a").toString())
            .config("spark.hadoop.fs.s3a.fast.upload.buffer", "disk")
            .config("spark.hadoop.fs.s3a.change.detection.mode", "none")
            // The classic input stream: Hadoop 3.5's default analytics stream stalls on
            // S3-compatible servers (reads wait forever for a prefetched block).
            .config("spark.hadoop.fs.s3a.input.stream.type", "classic")
            .config("spark.local.dir", scratch.resolve("spark").toString());
    if (local) {
      builder
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1");
    }
    SparkSession spark = SchedulerPools.configure(builder, scratch).getOrCreate();
    JobSqlFunctions.register(spark);
    return spark;
  }
}
