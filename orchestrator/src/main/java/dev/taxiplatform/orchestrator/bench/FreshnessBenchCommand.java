package dev.taxiplatform.orchestrator.bench;

import dev.taxiplatform.core.bench.BenchStack;
import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ChildStopHook;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.config.OrchestratorSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.config.SinkSettings;
import dev.taxiplatform.orchestrator.OrchestratorRuntime;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code platform bench-freshness}: on a fresh local stack, rides stream at a steady rate while the
 * continuous pipeline runs on a short schedule; sampled rides are followed from their publication
 * to their first visibility in the marts.
 */
@Command(
    name = "bench-freshness",
    mixinStandardHelpOptions = true,
    description = {
      "Measure freshness on a fresh local stack (in <data-dir>/bench-freshness, removed"
          + " afterwards): the producer publishes at a steady rate, the continuous pipeline runs on"
          + " --schedule, and one ride in every --sample-every is followed from its publication"
          + " (the Kafka record's create time) to its first visibility in public_marts.fact_rides"
          + " (the ride-level mart the dashboard's daily marts are built from), polled by id.",
      "Sampling lasts --cycles runs of the pipeline; the benchmark then waits until every sampled"
          + " ride is visible. Prints p50/p99/max against the seed's manual 3-minute run and each"
          + " cycle's stage times; writes <data-dir>/bench-results/freshness.json.",
      "Exit code: 0 every sampled ride was seen, 1 some were not within --timeout, 3 the stack"
          + " could not start."
    })
public final class FreshnessBenchCommand implements Callable<Integer> {
  static final String PIPELINE = "continuous";
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
  private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(5);
  private static final Duration PRODUCER_STOP_WAIT = Duration.ofSeconds(30);

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--rate",
      paramLabel = "RIDES_PER_SECOND",
      description = "Steady publication rate (default: ${DEFAULT-VALUE}).")
  private int rate = 2_000;

  @Option(
      names = "--cycles",
      paramLabel = "N",
      description = "Pipeline runs over which rides are sampled (default: ${DEFAULT-VALUE}).")
  private int cycles = 5;

  @Option(
      names = "--sample-every",
      paramLabel = "N",
      description = "Follow one published ride in N (default: ${DEFAULT-VALUE}).")
  private int sampleEvery = 1_000;

  @Option(
      names = "--schedule",
      paramLabel = "CRON",
      description =
          "The continuous pipeline's schedule during the benchmark (default: as in"
              + " pipelines/continuous.yaml).")
  private String schedule;

  @Option(
      names = "--poll",
      paramLabel = "SECONDS",
      description =
          "How often the mart is probed for the sampled rides (default: ${DEFAULT-VALUE}).")
  private double pollSeconds = 1;

  @Option(
      names = "--timeout",
      paramLabel = "MINUTES",
      description =
          "Give up on rides not visible this long after sampling stopped (default:"
              + " ${DEFAULT-VALUE}).")
  private long timeoutMinutes = 10;

  @Option(
      names = "--in-process-batch",
      description =
          "Run the stack without its batch service, so every cycle's batch step starts its own"
              + " JVM and Spark session (by default the stack runs a warm batch service).")
  private boolean inProcessBatch;

  @Override
  public Integer call() throws Exception {
    if (rate < 1 || cycles < 1 || sampleEvery < 1 || pollSeconds <= 0 || timeoutMinutes < 1) {
      throw PlatformException.usage(
          "--rate, --cycles, --sample-every, --poll and --timeout must be positive.");
    }
    PlatformConfig config = configOptions.load();
    PrintStream out = System.out;
    Path home = PlatformHome.locate();
    ComponentCatalog catalog = ComponentCatalog.discover(home);
    ComponentLauncher launcher = new ComponentLauncher(home);
    Path pipelines = config.dataDir().resolve("bench-freshness-pipelines");
    String cron =
        ContinuousPipelineFile.write(
            home.resolve("pipelines"), pipelines, java.util.Optional.ofNullable(schedule));
    Duration flush = config.get(SinkSettings.FLUSH_INTERVAL);
    out.printf(
        "Starting a fresh stack: continuous pipeline every \"%s\", sink flush interval %d s, batch"
            + " step %s ...%n",
        cron, flush.toSeconds(), inProcessBatch ? "in its own process" : "on a warm batch service");
    List<String> up =
        new ArrayList<>(
            List.of(
                "--set",
                OrchestratorSettings.PIPELINES_DIR.name() + "=" + pipelines,
                "--set",
                SinkSettings.FLUSH_INTERVAL.name() + "=" + flush.toSeconds() + "s"));
    if (!inProcessBatch) {
      up.addAll(List.of("--with", BatchSettings.SERVICE_NAME));
    }
    try (BenchStack stack =
        BenchStack.start(
            catalog,
            launcher,
            config.dataDir().resolve("bench-freshness"),
            out,
            up.toArray(String[]::new))) {
      if (!inProcessBatch) {
        BatchServiceWarmth.await(stack.dataDir(), WARM_UP_LIMIT, out);
      }
      FreshnessReport report = measure(stack, catalog, launcher, out);
      out.println();
      out.println("Cycles of the continuous pipeline (orchestrator's run and task records):");
      out.print(report.cycleTable());
      out.println();
      out.print(report.figures().table());
      Path file = report.figures().write(config.dataDir());
      out.printf("%nWrote %s%n", file);
      List<SampledRide> unseen = report.unseen();
      if (!unseen.isEmpty()) {
        out.printf(
            "%d of %d sampled rides never reached the marts within %d minutes, e.g. %s.%n",
            unseen.size(), report.samples().size(), timeoutMinutes, unseen.get(0).rideId());
        return ExitCodes.FAILED;
      }
      return ExitCodes.SUCCESS;
    } finally {
      BenchStack.deleteRecursively(pipelines);
    }
  }

  private FreshnessReport measure(
      BenchStack stack, ComponentCatalog catalog, ComponentLauncher launcher, PrintStream out)
      throws Exception {
    PlatformConfig config = stack.config();
    try (OrchestratorRuntime orchestrator = OrchestratorRuntime.create(config);
        Connection warehouse = stack.connections().warehouse().open();
        TopicSampler sampler =
            TopicSampler.start(stack.connections().kafka(), config.kafka().topic(), sampleEvery)) {
      Instant begin = Instant.now();
      PipelineCycles runs = new PipelineCycles(orchestrator.store(), PIPELINE, begin);
      Process producer = startProducer(catalog, launcher, stack, out);
      ChildStopHook stopProducer = ChildStopHook.register(producer, "producer", PRODUCER_STOP_WAIT);
      try {
        out.printf(
            "%nPublishing %,d rides/s, following one in %,d over %d cycles ...%n",
            rate, sampleEvery, cycles);
        MartProbe probe = new MartProbe(warehouse);
        Map<String, Instant> seen = new HashMap<>();
        Instant samplingEnd = null;
        double rateAchieved = 0;
        Instant nextProgress = begin.plus(PROGRESS_EVERY);
        while (true) {
          if (!producer.isAlive()) {
            throw new PlatformException(
                ExitCodes.FAILED,
                "The producer stopped (exit code %d); see %s"
                    .formatted(producer.exitValue(), producerLog(stack)));
          }
          int started = runs.started().size();
          if (samplingEnd == null && started > cycles) {
            sampler.stopSampling();
            samplingEnd = Instant.now();
            rateAchieved =
                sampler.published() / (Duration.between(begin, samplingEnd).toMillis() / 1000.0);
          }
          List<SampledRide> samples = sampler.samples();
          List<String> waiting =
              samples.stream()
                  .map(SampledRide::rideId)
                  .filter(id -> !seen.containsKey(id))
                  .toList();
          Instant probedAt = Instant.now();
          probe.visible(waiting).forEach(id -> seen.put(id, probedAt));
          if (samplingEnd != null && seen.size() == samples.size()) {
            break;
          }
          if (samplingEnd != null
              && Duration.between(samplingEnd, probedAt).toMinutes() >= timeoutMinutes) {
            break;
          }
          if (!probedAt.isBefore(nextProgress)) {
            out.printf(
                "  %4d s: %,d rides sampled, %,d seen in the marts, %d runs started%n",
                Duration.between(begin, probedAt).toSeconds(),
                samples.size(),
                seen.size(),
                started);
            nextProgress = probedAt.plus(PROGRESS_EVERY);
          }
          Thread.sleep(Math.round(pollSeconds * 1000));
        }
        List<SampledRide> followed =
            sampler.samples().stream()
                .map(
                    ride ->
                        seen.containsKey(ride.rideId())
                            ? ride.seenAt(seen.get(ride.rideId()))
                            : ride)
                .toList();
        return new FreshnessReport(followed, runs.finished(), rateAchieved);
      } finally {
        producer.destroy();
        if (!producer.waitFor(PRODUCER_STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
          producer.destroyForcibly();
        }
        stopProducer.remove();
      }
    }
  }

  private Process startProducer(
      ComponentCatalog catalog, ComponentLauncher launcher, BenchStack stack, PrintStream out)
      throws Exception {
    ComponentDescriptor ingest =
        catalog
            .forCommand("produce")
            .orElseThrow(
                () ->
                    new PlatformException(
                        ExitCodes.USAGE, "The platform is built without `produce`."));
    Path log = producerLog(stack);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        launcher.processBuilder(
            ingest,
            List.of(),
            List.of(
                "produce",
                "--rate",
                Integer.toString(rate),
                "--data-dir",
                stack.dataDir().toString()));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    out.printf("Producer output: %s%n", log);
    return builder.start();
  }

  private static Path producerLog(BenchStack stack) {
    return stack.dataDir().resolve("logs").resolve("bench-freshness-producer.log");
  }
}
