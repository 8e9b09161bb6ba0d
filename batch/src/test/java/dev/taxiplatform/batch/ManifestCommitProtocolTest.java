package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.config.BatchSettings;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Spark writes through {@link ManifestCommitProtocol} to the test stack's S3 server, with a task
 * whose first attempt fails half-way through its file: the committed files are exactly one per
 * partition, from the accepted attempts, and hold every row once.
 */
class ManifestCommitProtocolTest {
  private static final int PARTITIONS = 4;
  private static final long ROWS = 4_000;
  private static final String BUCKET = "commit-protocol-test";

  private static TestSpark local;

  @BeforeAll
  static void start() throws Exception {
    // local[2,2]: a failed task is tried again, as on a cluster.
    local =
        TestSpark.start(
            "commit-protocol-test",
            new BatchSettings(
                "local[2,2]",
                2,
                1_000_000,
                BatchSettings.OnCorrupt.SKIP,
                TestSpark.SKIP_CORRUPT.timeZone(),
                TestSpark.SKIP_CORRUPT.rideIdSnapshotFiles(),
                TestSpark.SKIP_CORRUPT.smallRunMaxMegabytes()));
    local.s3().createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void onlyTheAcceptedAttemptsFilesAreCommittedAndEveryRowIsThereOnce() {
    String path = "s3a://" + BUCKET + "/numbers/";
    local
        .spark()
        .range(0, ROWS, 1, PARTITIONS)
        .map(
            (MapFunction<Long, Long>) ManifestCommitProtocolTest::failFirstAttemptHalfWay,
            Encoders.LONG())
        .write()
        .mode(SaveMode.Append)
        .parquet(path);

    List<String> committed = ManifestCommitProtocol.take(path);

    assertThat(committed).hasSize(PARTITIONS);
    Pattern name =
        Pattern.compile(
            "s3a://"
                + BUCKET
                + "/numbers/part-0000[0-3]-[0-9a-f-]{36}-\\d+-c000\\.snappy\\.parquet");
    assertThat(committed).allSatisfy(file -> assertThat(file).matches(name));
    assertThat(committed.stream().map(f -> f.substring(0, f.indexOf("-", f.indexOf("part-") + 5))))
        .as("one file per partition")
        .doesNotHaveDuplicates();
    List<String> stored =
        local
            .s3()
            .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("numbers/"))
            .contents()
            .stream()
            .map(S3Object::key)
            .map(key -> "s3a://" + BUCKET + "/" + key)
            .toList();
    assertThat(stored)
        .as("the failed attempt's file was removed")
        .containsExactlyInAnyOrderElementsOf(committed);
    Row counts =
        local
            .spark()
            .read()
            .parquet(committed.toArray(String[]::new))
            .selectExpr("count(*)", "count(DISTINCT value)", "sum(value)")
            .head();
    assertThat(counts.getLong(0)).isEqualTo(ROWS);
    assertThat(counts.getLong(1)).isEqualTo(ROWS);
    assertThat(counts.getLong(2)).isEqualTo(ROWS * (ROWS - 1) / 2);
    assertThat(ManifestCommitProtocol.take(path)).as("taken once").isEmpty();
  }

  private static Long failFirstAttemptHalfWay(Long value) {
    TaskContext task = TaskContext.get();
    if (task.partitionId() == 1
        && task.attemptNumber() == 0
        && value == ROWS / PARTITIONS * 3 / 2) {
      throw new IllegalStateException("injected failure half-way through partition 1");
    }
    return value;
  }
}
