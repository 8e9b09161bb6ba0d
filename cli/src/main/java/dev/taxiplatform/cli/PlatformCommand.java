package dev.taxiplatform.cli;

import dev.taxiplatform.core.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of the {@code platform} command. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Taxi Platform: streaming ingestion, S3 raw storage, Spark batch processing, a PostgreSQL"
          + " warehouse, SQL models, orchestration and a dashboard, on your laptop.",
      "",
      "Every command takes --help. Configuration: defaults < platform.yaml (--config) < environment"
          + " < flags (--set KEY=VALUE, --data-dir); see `platform config`."
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 the work failed, 2 bad usage or configuration, 3 infrastructure"
          + " unreachable."
    },
    subcommands = {ConfigCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
final class PlatformCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
