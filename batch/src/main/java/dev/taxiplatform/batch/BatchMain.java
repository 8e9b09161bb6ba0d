package dev.taxiplatform.batch;

import dev.taxiplatform.core.cli.CommandRunner;
import dev.taxiplatform.core.cli.VersionProvider;
import picocli.CommandLine.Command;

/** Entry point of the batch component: the Spark job and its benchmark. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "The batch job: raw rides to processed rides, quarantine and aggregates.",
    subcommands = {
      BatchCommand.class,
      BatchServiceCommand.class,
      BatchBenchmarkCommand.class,
      SparkExecutorCommand.class
    })
public final class BatchMain implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this),
        "Missing command: batch, batch-service, bench-batch or spark-executor.");
  }

  public static void main(String[] args) {
    CommandRunner.runAndExit(new BatchMain(), args);
  }
}
