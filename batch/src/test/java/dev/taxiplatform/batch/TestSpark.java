package dev.taxiplatform.batch;

import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.config.PlatformSettings;
import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.testing.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Spark session in local mode on the shared test stack's S3 server, with a scratch directory, as
 * the batch tests use one per class.
 */
record TestSpark(S3Client s3, SparkSession spark, Path scratch) implements AutoCloseable {
  /** The job's settings in tests: two cores, corrupt objects skipped, the default time zone. */
  static final BatchSettings SKIP_CORRUPT =
      new BatchSettings(
          "local[2]",
          2,
          1_000_000,
          BatchSettings.OnCorrupt.SKIP,
          PlatformSettings.TIME_ZONE.defaultValue().orElseThrow(),
          BatchSettings.RIDE_ID_SNAPSHOT_FILES.defaultValue().orElseThrow(),
          BatchSettings.SMALL_RUN_MAX_MB.defaultValue().orElseThrow());

  static TestSpark start(String scratchPrefix) throws IOException {
    return start(scratchPrefix, SKIP_CORRUPT);
  }

  static TestSpark start(String scratchPrefix, BatchSettings settings) throws IOException {
    S3Connection connection = LocalStack.shared().connections().s3();
    Path scratch = Files.createTempDirectory(scratchPrefix);
    return new TestSpark(
        connection.client(), SparkSessions.create(settings, connection, scratch), scratch);
  }

  @Override
  public void close() {
    spark.stop();
    s3.close();
  }
}
