package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code platform batch} as a user runs it: its own process, its exit codes, its summary. */
class BatchCommandTest {
  @TempDir Path temp;

  @Test
  void runsAsItsOwnProcessAndWritesAJsonSummary() throws Exception {
    LocalStack stack = LocalStack.shared();
    String raw = "raw-command";
    String processed = "processed-command";
    try (S3Client s3 = stack.connections().s3().client()) {
      s3.createBucket(b -> b.bucket(raw));
      s3.createBucket(b -> b.bucket(processed));
      SparkSession spark =
          SparkSessions.create(
              new BatchSettings(
                  "local[1]", 1, 1_000_000, BatchSettings.OnCorrupt.SKIP, ZoneId.of("UTC"), 16, 32),
              stack.connections().s3(),
              temp);
      new RawRideFiles(spark, s3, raw, temp.resolve("files"))
          .write(
              RawRideFiles.key("2026-08-01", 0, 0),
              List.of(
                  RawRide.valid("cmd-1", "2026-08-01T10:00:00Z").toRow(),
                  RawRide.valid("cmd-1", "2026-08-01T10:00:00Z").toRow(),
                  RawRide.valid("cmd-2", "2026-08-01T11:00:00Z").withPassengers(0).toRow()));
      s3.putObject(
          b -> b.bucket(raw).key(RawRideFiles.key("2026-08-01", 1, 0)),
          software.amazon.awssdk.core.sync.RequestBody.fromString("garbage"));
      spark.stop();
    }
    Path summary = temp.resolve("summary.json");

    PlatformCli.Result result =
        stack
            .cli()
            .run(
                "batch",
                "--data-dir",
                stack.dataDir().toString(),
                "--set",
                "s3.raw-bucket=" + raw,
                "--set",
                "s3.processed-bucket=" + processed,
                "--summary-json",
                summary.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output())
        .contains("Batch run 1 committed.")
        .containsPattern("rides written +1")
        .containsPattern("non_positive_passengers +1")
        .containsPattern("duplicates dropped +1")
        .contains("corrupt raw object " + RawRideFiles.key("2026-08-01", 1, 0));
    JsonNode json = new ObjectMapper().readTree(Files.readString(summary));
    assertThat(json.at("/summary/rides_written").asLong()).isEqualTo(1);
    assertThat(json.at("/summary/quarantined_by_rule/non_positive_passengers").asLong())
        .isEqualTo(1);
    assertThat(json.at("/metrics/taxi_batch_raw_rows_read_total").asLong()).isEqualTo(3);

    PlatformCli.Result failing =
        stack
            .cli()
            .run(
                "batch",
                "--data-dir",
                stack.dataDir().toString(),
                "--set",
                "s3.raw-bucket=" + raw,
                "--set",
                "s3.processed-bucket=" + processed,
                "--on-corrupt",
                "fail");
    assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
    assertThat(failing.output())
        .contains(RawRideFiles.key("2026-08-01", 1, 0))
        .contains("not a readable Parquet file");
  }

  @Test
  void readsTheConfiguredTopicAndWaitsForNoOtherRun() throws Exception {
    LocalStack stack = LocalStack.shared();
    String raw = "raw-command-topic";
    String processed = "processed-command-topic";
    try (S3Client s3 = stack.connections().s3().client()) {
      s3.createBucket(b -> b.bucket(raw));
      s3.createBucket(b -> b.bucket(processed));
      SparkSession spark =
          SparkSessions.create(
              new BatchSettings(
                  "local[1]", 1, 1_000_000, BatchSettings.OnCorrupt.SKIP, ZoneId.of("UTC"), 16, 32),
              stack.connections().s3(),
              temp);
      new RawRideFiles(spark, s3, raw, temp.resolve("topic-files"))
          .write(
              RawRideFiles.key("nyc-rides", "2026-08-02", 0, 0),
              List.of(RawRide.valid("topic-1", "2026-08-02T10:00:00Z").toRow()));
      spark.stop();
    }
    String[] batch = {
      "batch",
      "--data-dir",
      stack.dataDir().toString(),
      "--set",
      "kafka.topic=nyc-rides",
      "--set",
      "s3.raw-bucket=" + raw,
      "--set",
      "s3.processed-bucket=" + processed
    };

    // Another run holds the bucket's lock: this one does nothing and says why.
    try (BatchRunLock.Held other =
        new BatchRunLock(stack.connections().warehouse()).acquire(processed)) {
      other.verify();
      PlatformCli.Result blocked = stack.cli().run(batch);
      assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(1);
      assertThat(blocked.output())
          .contains("Another batch run on bucket " + processed + " is in progress");
    }

    PlatformCli.Result result = stack.cli().run(batch);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output())
        .contains("Batch run 1 committed.")
        .containsPattern("raw objects read +1")
        .containsPattern("rides written +1");
  }

  @Test
  void badUsageAndMissingBucketsAreExitCode2() {
    LocalStack stack = LocalStack.shared();
    PlatformCli.Result badFlag =
        stack.cli().run("batch", "--data-dir", stack.dataDir().toString(), "--on-corrupt", "maybe");
    assertThat(badFlag.exitCode()).as(badFlag.toString()).isEqualTo(2);
    assertThat(badFlag.output()).contains("batch.on-corrupt").contains("skip or fail");

    PlatformCli.Result noBucket =
        stack
            .cli()
            .run(
                "batch",
                "--data-dir",
                stack.dataDir().toString(),
                "--set",
                "s3.raw-bucket=no-such-bucket");
    assertThat(noBucket.exitCode()).as(noBucket.toString()).isEqualTo(2);
    assertThat(noBucket.output()).contains("Bucket no-such-bucket does not exist");
  }

  @Test
  void bothCommandsPrintTheirHelpWithoutFormattingWarnings() {
    PlatformCli cli = LocalStack.shared().cli();
    for (String command : new String[] {"batch", "bench-batch"}) {
      PlatformCli.Result help = cli.run(command, "--help");
      assertThat(help.exitCode()).as(help.toString()).isZero();
      assertThat(help.output())
          .as(command)
          .containsPattern("Usage: (platform )?" + command + " ")
          .doesNotContain("WARN")
          .doesNotContain("Could not format");
    }
    assertThat(cli.run("bench-batch", "--help").output()).contains("(2% duplicates, 1% bad");
  }
}
