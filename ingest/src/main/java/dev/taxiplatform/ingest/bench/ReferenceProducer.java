package dev.taxiplatform.ingest.bench;

import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.ingest.produce.RideProducer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code ProducerPerformance}, run from the {@code bench-tools} component (its own
 * classpath) with the same producer settings as the ride producer.
 */
final class ReferenceProducer {
  private static final Pattern SUMMARY =
      Pattern.compile(
          "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg"
              + " latency");

  /**
   * What it reached.
   *
   * @param recordsPerSecond records per second
   * @param megabytesPerSecond MB per second
   */
  record Result(double recordsPerSecond, double megabytesPerSecond) {}

  private ReferenceProducer() {}

  static Result run(
      ComponentCatalog catalog,
      ComponentLauncher launcher,
      KafkaConnection kafka,
      String topic,
      long records,
      int recordSize,
      PrintStream out) {
    ComponentDescriptor tools =
        catalog
            .named("bench-tools")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The bench-tools component is not built: build the platform (mvn package)"));
    List<String> args = new ArrayList<>();
    args.add("producer-performance");
    args.addAll(
        List.of(
            "--topic",
            topic,
            "--num-records",
            Long.toString(records),
            "--record-size",
            Integer.toString(recordSize),
            "--throughput",
            "-1",
            "--command-property"));
    for (Map.Entry<String, Object> property :
        RideProducer.producerProperties(kafka, "producer-performance").entrySet()) {
      args.add(property.getKey() + "=" + property.getValue());
    }
    ProcessBuilder builder = launcher.processBuilder(tools, List.of(), args);
    builder.redirectErrorStream(true);
    String last = null;
    try {
      Process process = builder.start();
      try (var lines = process.inputReader().lines()) {
        for (String line : (Iterable<String>) lines::iterator) {
          out.println("    " + line);
          if (SUMMARY.matcher(line).find()) {
            last = line;
          }
        }
      }
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("ProducerPerformance failed; its output is above");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (last == null) {
      throw new IllegalStateException("ProducerPerformance printed no summary");
    }
    Matcher matcher = SUMMARY.matcher(last);
    matcher.find();
    return new Result(Double.parseDouble(matcher.group(2)), Double.parseDouble(matcher.group(3)));
  }
}
