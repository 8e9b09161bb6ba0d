package dev.taxiplatform.ingest;

import dev.taxiplatform.core.cli.CommandRunner;
import dev.taxiplatform.core.cli.VersionProvider;
import dev.taxiplatform.ingest.bench.IngestBenchCommand;
import dev.taxiplatform.ingest.produce.ProduceCommand;
import dev.taxiplatform.ingest.sink.SinkCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the ingestion component: the ride producer and the Kafka to S3 sink. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming ingestion: ride producer and exactly-once Kafka to S3 Parquet sink.",
    subcommands = {ProduceCommand.class, SinkCommand.class, IngestBenchCommand.class})
public final class IngestMain implements Runnable {
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "Missing command: produce, sink or bench-ingest.");
  }

  public static void main(String[] args) {
    CommandRunner.runAndExit(new IngestMain(), args);
  }
}
