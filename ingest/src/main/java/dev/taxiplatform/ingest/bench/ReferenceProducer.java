package dev.taxiplatform.ingest.bench;

import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.ingest.generate.RideStream;
import dev.taxiplatform.ingest.produce.RideProducer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code ProducerPerformance} with the ride producer's settings, sending recorded ride
 * JSON (so compression sees what it sees in production), warmed up like the ride producer: only its
 * steady-state figures count.
 */
final class ReferenceProducer {
  private static final Pattern STEADY_STATE =
      Pattern.compile(
          "(\\d+) steady state records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");

  /**
   * What it reached after its warm-up.
   *
   * @param recordsPerSecond records per second
   * @param megabytesPerSecond MB per second
   */
  record Result(double recordsPerSecond, double megabytesPerSecond) {}

  private ReferenceProducer() {}

  /**
   * Writes {@code count} ride events' JSON, one per line, as {@code --payload-file} reads them (it
   * sends a randomly picked line per record).
   */
  static Path recordPayloads(RideStream stream, int count, Path file) throws IOException {
    try (OutputStream output = Files.newOutputStream(file)) {
      for (int i = 0; i < count; i++) {
        output.write(stream.next().value());
        output.write('\n');
      }
    }
    return file;
  }

  static Result run(
      BenchTools tools,
      KafkaConnection kafka,
      String topic,
      Path payloads,
      long records,
      long warmupRecords) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--topic",
                topic,
                "--num-records",
                Long.toString(warmupRecords + records),
                "--warmup-records",
                Long.toString(warmupRecords),
                "--payload-file",
                payloads.toString(),
                "--throughput",
                "-1",
                "--command-property"));
    for (Map.Entry<String, Object> property :
        RideProducer.producerProperties(kafka, "producer-performance").entrySet()) {
      args.add(property.getKey() + "=" + property.getValue());
    }
    for (String line : tools.run("producer-performance", args)) {
      Matcher matcher = STEADY_STATE.matcher(line);
      if (matcher.find()) {
        return new Result(
            Double.parseDouble(matcher.group(2)), Double.parseDouble(matcher.group(3)));
      }
    }
    throw new IllegalStateException("ProducerPerformance printed no steady-state summary");
  }
}
