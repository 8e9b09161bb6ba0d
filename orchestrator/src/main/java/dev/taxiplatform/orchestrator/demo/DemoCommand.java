package dev.taxiplatform.orchestrator.demo;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.PlatformConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform demo}: the whole platform, end to end, in one command. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole platform on this machine: start the local stack (Kafka, S3, PostgreSQL, the"
          + " sink, the orchestrator, the dashboard), produce a simulated day of rides, run"
          + " platform_pipeline (streaming, Spark, load, SQL models and tests) and summarise every"
          + " stage with its figures and duration.",
      "The stack keeps running afterwards, with its UIs (add --exit to stop it). Running the demo"
          + " again adds new rides; nothing is ever counted twice.",
      "Exit code: 0 the pipeline succeeded, 1 it failed, 3 the stack could not start."
    })
public final class DemoCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--rides",
      paramLabel = "N",
      defaultValue = "100000",
      description = "Rides to produce up front, spread over yesterday (default: ${DEFAULT-VALUE}).")
  private long rides;

  @Option(
      names = "--accumulate",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description =
          "How long the pipeline's accumulate_data streams (its file says 60 s) in a stack the"
              + " demo starts: sets orchestrator.max-wait unless configured (default:"
              + " ${DEFAULT-VALUE}).")
  private long accumulateSeconds;

  @Option(names = "--exit", description = "Stop the stack at the end.")
  private boolean exit;

  @Override
  public Integer call() throws Exception {
    if (rides < 1) {
      throw PlatformException.usage("--rides must be at least 1.");
    }
    if (accumulateSeconds < 1) {
      throw PlatformException.usage("--accumulate must be at least 1 (seconds).");
    }
    PlatformConfig config = configOptions.load();
    return new Demo(config, configOptions.asArguments(config.dataDir()), System.out)
        .run(rides, exit, java.time.Duration.ofSeconds(accumulateSeconds));
  }
}
