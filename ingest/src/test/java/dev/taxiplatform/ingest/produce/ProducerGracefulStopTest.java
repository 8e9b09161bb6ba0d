package dev.taxiplatform.ingest.produce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.ingest.IngestTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real {@code platform produce} process streaming without an end (as the pipeline
 * stops it): it prints its summary before it exits, and the summary counts exactly the events in
 * the topic.
 */
class ProducerGracefulStopTest {
  private static final Pattern PRODUCED = Pattern.compile("Produced ([\\d,]+) ride events");

  @TempDir Path workDir;

  @Test
  void sigtermPrintsTheSummaryOfWhatReachedTheTopic() throws Exception {
    IngestTestKit kit = IngestTestKit.create("producer-sigterm");
    List<String> args = new ArrayList<>(List.of("produce", "--rate", "200"));
    args.addAll(kit.configArguments());
    Path log = workDir.resolve("producer.log");
    Process producer = IngestTestKit.startIngestProcess(args, log);
    IngestTestKit.await(
        Duration.ofMinutes(2), "events in the topic", () -> kit.endOffsets(kit.topic()) >= 300);

    producer.destroy(); // SIGTERM
    assertThat(producer.waitFor(60, TimeUnit.SECONDS)).as("log %s", log).isTrue();

    String output = Files.readString(log);
    Matcher summary = PRODUCED.matcher(output);
    assertThat(summary.find()).as("a summary in:%n%s", output).isTrue();
    long reported = Long.parseLong(summary.group(1).replace(",", ""));
    assertThat(reported).isGreaterThanOrEqualTo(300).isEqualTo(kit.endOffsets(kit.topic()));
    assertThat(output).containsPattern("producer stopped in \\d+ ms");
  }
}
