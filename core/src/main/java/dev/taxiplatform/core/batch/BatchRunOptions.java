package dev.taxiplatform.core.batch;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code platform batch} (a picocli mixin), and what they make of a configuration:
 * whether the run goes to a batch service, and the run asked of it. The command parses them, and so
 * does the orchestrator, which submits a pipeline's batch task to the service itself.
 */
public final class BatchRunOptions {
  /** The command these are the options of. */
  public static final String COMMAND = "batch";

  @Mixin private ConfigOptions configOptions = new ConfigOptions();

  @Option(
      names = "--full-refresh",
      description =
          "Reprocess every raw object from scratch; the result replaces all earlier runs' output.")
  private boolean fullRefresh;

  @Option(
      names = "--on-corrupt",
      paramLabel = "skip|fail",
      description =
          "A raw object that is not readable Parquet: skip it and report it by name, or fail the"
              + " run before writing anything (default: batch.on-corrupt, skip).")
  private String onCorrupt;

  @Option(
      names = "--summary-json",
      paramLabel = "FILE",
      description = "Also write the run's summary as JSON to FILE.")
  private Path summaryJson;

  @Option(
      names = "--in-process",
      description =
          "Run Spark in this process even when the stack runs a batch service (platform"
              + " batch-service).")
  private boolean inProcess;

  /** {@code args} of {@code platform batch} (after the command's name); throws on bad usage. */
  public static BatchRunOptions parse(List<String> args) {
    BatchRunOptions options = new BatchRunOptions();
    new CommandLine(options).parseArgs(args.toArray(String[]::new));
    return options;
  }

  public boolean fullRefresh() {
    return fullRefresh;
  }

  public boolean inProcess() {
    return inProcess;
  }

  /** The file named by {@code --summary-json}, if any. */
  public Optional<Path> summaryJson() {
    return Optional.ofNullable(summaryJson);
  }

  /** The effective configuration, {@code --on-corrupt} included, as {@code loader} loads it. */
  public PlatformConfig load(ConfigLoader loader) {
    List<ConfigOverrides.Flag> flags = new ArrayList<>();
    if (onCorrupt != null) {
      flags.add(
          new ConfigOverrides.Flag(BatchSettings.ON_CORRUPT.name(), onCorrupt, "--on-corrupt"));
    }
    return loader.load(configOptions.overrides(flags));
  }

  /**
   * The batch service the run goes to: {@code batch.service-url}, else the local stack's when it
   * runs one; none with {@code --in-process}.
   */
  public Optional<URI> service(PlatformConfig config) {
    if (inProcess) {
      return Optional.empty();
    }
    return config
        .find(BatchSettings.SERVICE_URL)
        .or(
            () ->
                StackState.liveEndpoint(
                        new StackLayout(config.dataDir()), BatchSettings.SERVICE_NAME)
                    .map(URI::create));
  }

  /** The run asked of a batch service. */
  public BatchRunRequest request(PlatformConfig config) {
    return new BatchRunRequest(
        config.s3().rawBucket(),
        config.kafka().topic(),
        config.s3().processedBucket(),
        fullRefresh,
        BatchSettings.ON_CORRUPT.type().format(BatchSettings.from(config).onCorrupt()));
  }
}
