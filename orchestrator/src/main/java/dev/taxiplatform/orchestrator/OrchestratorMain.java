package dev.taxiplatform.orchestrator;

import dev.taxiplatform.core.cli.CommandRunner;
import dev.taxiplatform.core.cli.VersionProvider;
import dev.taxiplatform.orchestrator.bench.FreshnessBenchCommand;
import dev.taxiplatform.orchestrator.cli.OrchestratorCommand;
import dev.taxiplatform.orchestrator.cli.PipelineCommand;
import dev.taxiplatform.orchestrator.demo.DemoCommand;
import picocli.CommandLine.Command;

/** Entry point of the orchestrator component. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {
      OrchestratorCommand.class,
      PipelineCommand.class,
      DemoCommand.class,
      FreshnessBenchCommand.class
    })
public final class OrchestratorMain implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command: orchestrator or pipeline.");
  }

  public static void main(String[] args) {
    CommandRunner.runAndExit(new OrchestratorMain(), args);
  }
}
