package dev.taxiplatform.warehouse;

import dev.taxiplatform.core.cli.CommandRunner;
import dev.taxiplatform.core.cli.VersionProvider;
import picocli.CommandLine.Command;

/** Entry point of the warehouse component: migrations, the loader and its benchmark. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "The warehouse: schema migrations and the loader.",
    subcommands = {LoadCommand.class, LoaderBenchmarkCommand.class})
public final class WarehouseMain implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command: load or bench-load.");
  }

  public static void main(String[] args) {
    CommandRunner.runAndExit(new WarehouseMain(), args);
  }
}
