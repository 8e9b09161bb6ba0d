package dev.taxiplatform.dashboard;

import dev.taxiplatform.core.cli.CommandRunner;
import dev.taxiplatform.core.cli.VersionProvider;
import dev.taxiplatform.dashboard.bench.DashboardBenchCommand;
import picocli.CommandLine.Command;

/** Entry point of the dashboard component. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {DashboardCommand.class, DashboardBenchCommand.class})
public final class DashboardMain implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command: dashboard or bench-dashboard.");
  }

  public static void main(String[] args) {
    CommandRunner.runAndExit(new DashboardMain(), args);
  }
}
