package dev.taxiplatform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code platform up} runs the sink as a service, and with {@code --produce} a producer too. */
class SinkServiceLifecycleTest {
  @TempDir Path workDir;

  @Test
  void anUnknownOptionalServiceIsABadUsage() {
    PlatformCli.Result result =
        PlatformCli.inDirectory(workDir)
            .run("up", "--detach", "--data-dir", workDir.resolve("none").toString(), "--with", "x");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output())
        .contains("No optional service \"x\" in the built components; optional services:")
        .contains("producer");
  }

  @Test
  void upRunsTheSinkAndAProducerThatFillS3AndDownStopsThem() throws Exception {
    Path dataDir = workDir.resolve("stack");
    try (LocalStack stack =
        LocalStack.start(
            dataDir,
            "--produce",
            "--set",
            "sink.flush-interval=2s",
            "--set",
            "producer.events-per-second=200")) {
      StackState state = StackState.read(new StackLayout(dataDir)).orElseThrow();
      assertThat(state.services())
          .extracting(ServiceState::name)
          .containsSubsequence("kafka", "s3", "postgres", "sink", "producer");
      ServiceState sink = state.service("sink").orElseThrow();
      ServiceState producer = state.service("producer").orElseThrow();
      assertThat(sink.kind()).isEqualTo(ServiceState.Kind.COMPONENT);
      assertThat(sink.health()).isEqualTo(ServiceState.Health.HEALTHY);
      assertThat(producer.health()).isEqualTo(ServiceState.Health.HEALTHY);

      PlatformCli.Result status = stack.cli().run("status", "--data-dir", dataDir.toString());
      assertThat(status.exitCode()).as(status.toString()).isZero();
      assertThat(status.output().lines())
          .anyMatch(l -> l.trim().startsWith("sink ") && l.contains("healthy"))
          .anyMatch(l -> l.trim().startsWith("producer ") && l.contains("healthy"));

      // Rides flow from the producer through Kafka and the sink into S3.
      try (S3Client s3 = stack.connections().s3().client()) {
        IngestTestKit.await(
            Duration.ofMinutes(2),
            "raw files from the stack's sink",
            () ->
                s3.listObjectsV2(b -> b.bucket("platform-raw-data").prefix("taxi-rides/year="))
                        .keyCount()
                    > 0);
      }
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(sink.endpoint() + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher written =
          Pattern.compile("(?m)^taxi_sink_records_written_total ([0-9.E]+)$").matcher(metrics);
      assertThat(written.find()).as(metrics).isTrue();
      assertThat(Double.parseDouble(written.group(1))).isPositive();
      assertThat(metrics)
          .contains("taxi_sink_consumer_lag_records")
          .contains("taxi_sink_flush_duration_seconds")
          .contains("taxi_sink_bytes_written_total")
          .contains("taxi_sink_records_dead_lettered_total{reason=\"malformed_json\"}");

      PlatformCli.Result down = stack.cli().run("down", "--data-dir", dataDir.toString());
      assertThat(down.exitCode()).as(down.toString()).isZero();
      assertThat(java.nio.file.Files.readString(new StackLayout(dataDir).logFile("supervisor")))
          .contains("stopped producer")
          .contains("stopped sink");
      assertThat(Processes.isAlive(sink.pid())).isFalse();
      assertThat(Processes.isAlive(producer.pid())).isFalse();
    }
  }
}
