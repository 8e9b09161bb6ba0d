package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.config.KafkaSettings;
import dev.taxiplatform.core.raw.RawLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Writes raw ride files in the raw contract's schema and layout, as the sink does: for tests and
 * benchmarks that need raw data without running the ingestion pipeline.
 */
public final class RawRideFiles {
  private final SparkSession spark;
  private final S3Client s3;
  private final String bucket;
  private final Path scratch;

  public RawRideFiles(SparkSession spark, S3Client s3, String bucket, Path scratch) {
    this.spark = requireNonNull(spark, "spark");
    this.s3 = requireNonNull(s3, "s3");
    this.bucket = requireNonNull(bucket, "bucket");
    this.scratch = requireNonNull(scratch, "scratch");
  }

  /** The raw key of a file of the default topic for {@code date} (YYYY-MM-DD), as the sink's. */
  public static String key(String date, int partition, long firstOffset) {
    return key(KafkaSettings.TOPIC.defaultValue().orElseThrow(), date, partition, firstOffset);
  }

  /** The raw key of a file of {@code topic} for {@code date} (YYYY-MM-DD), as the sink's. */
  public static String key(String topic, String date, int partition, long firstOffset) {
    return RawLayout.key(topic, partition, firstOffset, LocalDate.parse(date));
  }

  /** Writes {@code rows} (in {@link RawRideSchema#SCHEMA}) as one Parquet object at {@code key}. */
  public void write(String key, List<Row> rows) {
    write(key, spark.createDataFrame(rows, RawRideSchema.SCHEMA));
  }

  /** Writes {@code rides} as one Parquet object at {@code key}; returns the local copy. */
  public Path write(String key, Dataset<Row> rides) {
    Path local = scratch.resolve(key);
    Path directory = scratch.resolve("spark-out-" + System.nanoTime());
    rides.coalesce(1).write().mode(SaveMode.Overwrite).parquet(directory.toUri().toString());
    try {
      Path part = partFiles(directory).get(0);
      Files.createDirectories(local.getParent());
      Files.move(part, local);
      deleteTree(directory);
      upload(key, local);
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads arbitrary bytes at {@code key}: for corrupt-object tests. */
  public void writeBytes(String key, byte[] bytes) {
    s3.putObject(
        PutObjectRequest.builder().bucket(bucket).key(key).build(),
        software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
  }

  /** Uploads a local file at {@code key}. */
  public void upload(String key, Path file) {
    s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), file);
  }

  static List<Path> partFiles(Path directory) throws IOException {
    List<Path> parts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory)) {
      files
          .filter(p -> p.getFileName().toString().startsWith("part-"))
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .sorted()
          .forEach(parts::add);
    }
    return parts;
  }

  static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
