package dev.taxiplatform.orchestrator.demo;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.cli.TextTable;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLaunch;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.config.OrchestratorSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import dev.taxiplatform.orchestrator.OrchestratorRuntime;
import dev.taxiplatform.orchestrator.cli.RunWaiter;
import dev.taxiplatform.orchestrator.engine.PipelineEngine;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.RunState;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo: the local stack, a simulated day of rides, {@code platform_pipeline}, and a summary of
 * every stage's figures and duration, measured in the systems themselves (Kafka offsets, S3
 * objects, warehouse rows) and in the tasks' own summaries.
 */
final class Demo {
  static final String PIPELINE = "platform_pipeline";
  private static final long SECONDS_PER_DAY = 86_400;

  private final PlatformConfig config;
  private final List<String> configArguments;
  private final PrintStream out;
  private final ComponentCatalog catalog;
  private final ComponentLauncher launcher;
  private final StackLayout layout;

  Demo(PlatformConfig config, List<String> configArguments, PrintStream out) {
    this.config = requireNonNull(config, "config");
    this.configArguments = List.copyOf(configArguments);
    this.out = requireNonNull(out, "out");
    var home = PlatformHome.locate();
    this.catalog = ComponentCatalog.discover(home);
    this.launcher = new ComponentLauncher(home);
    this.layout = new StackLayout(config.dataDir());
  }

  /**
   * Runs the demo; {@code accumulate} caps the pipeline's waits ({@code orchestrator.max-wait}) in
   * a stack the demo starts, unless the configuration sets that key.
   */
  int run(long rides, boolean exit, Duration accumulate) throws Exception {
    Instant begin = Instant.now();
    section("1. The local stack");
    Duration stackTime = ensureStack(accumulate);
    Connections connections = new Connections(config);
    SystemCounts before = SystemCounts.measure(connections, config);

    section("2. Producing %,d rides spread over yesterday".formatted(rides));
    long seed = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    Instant day =
        LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    double speedup = (double) SECONDS_PER_DAY * config.producer().eventsPerSecond() / rides;
    Instant produceStart = Instant.now();
    platform(
        "produce",
        "--count",
        Long.toString(rides),
        "--rate",
        "max",
        "--start",
        day.toString(),
        "--speedup",
        String.format(Locale.ROOT, "%.4f", speedup),
        "--seed",
        Long.toString(seed));
    Duration produceTime = Duration.between(produceStart, Instant.now());

    section("3. Running " + PIPELINE);
    try (OrchestratorRuntime runtime = OrchestratorRuntime.create(config)) {
      PipelineRun queued =
          PipelineEngine.trigger(runtime.pipelines(), runtime.store(), PIPELINE, Instant.now());
      out.printf("Run #%d queued; follow it in the orchestrator's UI too.%n", queued.id());
      PipelineRun finished = RunWaiter.await(runtime, queued.id(), out);
      SystemCounts after = SystemCounts.measure(connections, config);

      section("4. Summary");
      out.print(
          summary(runtime.store(), finished, rides, seed, produceTime, stackTime, before, after));
      out.printf(
          "%nRun #%d %s. Demo wall time: %s.%n",
          finished.id(),
          finished.state() == RunState.SUCCESS
              ? "succeeded"
              : "FAILED (see the table and `platform pipeline status " + finished.id() + "`)",
          seconds(Duration.between(begin, Instant.now())));
      if (exit) {
        section("Stopping the stack (--exit)");
        platform("down");
      } else {
        printWhereToLook();
      }
      return finished.state() == RunState.SUCCESS ? ExitCodes.SUCCESS : ExitCodes.FAILED;
    }
  }

  /** Starts the stack unless one runs for this data directory; returns how long that took. */
  private Duration ensureStack(Duration accumulate) throws Exception {
    Optional<StackState> state = StackState.read(layout).filter(StackState::supervisorAlive);
    if (state.isPresent() && state.get().status() == StackState.Status.READY) {
      out.printf(
          "Using the stack already running in %s (its orchestrator's %s applies to the"
              + " pipeline's waits).%n",
          layout.dataDir(), OrchestratorSettings.MAX_WAIT.name());
      return Duration.ZERO;
    }
    Instant start = Instant.now();
    // The batch service warms Spark up while rides are produced and streamed.
    List<String> up = new ArrayList<>(List.of("--detach", "--with", BatchSettings.SERVICE_NAME));
    if (config.find(OrchestratorSettings.MAX_WAIT).isEmpty()) {
      up.addAll(
          List.of(
              "--set", OrchestratorSettings.MAX_WAIT.name() + "=" + accumulate.toSeconds() + "s"));
    }
    int exitCode = platform("up", up.toArray(String[]::new));
    if (exitCode != ExitCodes.SUCCESS) {
      throw new PlatformException(
          ExitCodes.UNAVAILABLE, "The local stack did not start (see above).");
    }
    return Duration.between(start, Instant.now());
  }

  private String summary(
      OrchestratorStore store,
      PipelineRun run,
      long rides,
      long seed,
      Duration produceTime,
      Duration stackTime,
      SystemCounts before,
      SystemCounts after)
      throws SQLException {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"STAGE", "FIGURES", "TIME"});
    rows.add(
        new String[] {
          "stack",
          stackTime.isZero() ? "already running" : "Kafka, S3, PostgreSQL and services started",
          stackTime.isZero() ? "-" : seconds(stackTime)
        });
    rows.add(
        new String[] {
          "produce", "%,d rides published (seed %d)".formatted(rides, seed), seconds(produceTime)
        });
    long streamed = after.events() - before.events() - rides;
    rows.add(
        new String[] {
          "streaming",
          "%,d more rides streamed during the run".formatted(Math.max(0, streamed)),
          taskTime(store, run, "start_streaming", "stop_streaming")
        });
    rows.add(
        new String[] {
          "raw objects",
          "%,d new Parquet objects in s3://%s (%,d in all)"
              .formatted(
                  after.rawObjects() - before.rawObjects(),
                  config.s3().rawBucket(),
                  after.rawObjects()),
          "-"
        });
    List<TaskAttempt> batch = store.attempts(run.id(), "spark_processing");
    rows.add(
        new String[] {
          "processed rows",
          "%,d rides written (%,d raw rows read, %,d quarantined, %,d duplicates dropped)"
              .formatted(
                  StageFigures.metric(batch, "taxi_batch_rides_written_total").orElse(0L),
                  StageFigures.metric(batch, "taxi_batch_raw_rows_read_total").orElse(0L),
                  StageFigures.metric(batch, "taxi_batch_rows_quarantined_total").orElse(0L),
                  StageFigures.metric(batch, "taxi_batch_duplicates_dropped_total").orElse(0L)),
          taskTime(store, run, "spark_processing", "spark_processing")
        });
    List<TaskAttempt> load = store.attempts(run.id(), "load_staging");
    rows.add(
        new String[] {
          "staged rows",
          "%,d rows inserted into staging.stg_rides (%,d in all)"
              .formatted(
                  StageFigures.metric(load, "taxi_loader_rows_inserted_total").orElse(0L),
                  after.stagedRows()),
          taskTime(store, run, "load_staging", "load_staging")
        });
    rows.add(
        new String[] {
          "models built",
          StageFigures.done(store.attempts(run.id(), "dbt_run"))
              .map(
                  d ->
                      "%d of %d models built (%d errors)".formatted(d.pass(), d.total(), d.error()))
              .orElse("none"),
          taskTime(store, run, "dbt_run", "dbt_run")
        });
    rows.add(
        new String[] {
          "tests passed",
          StageFigures.done(store.attempts(run.id(), "dbt_test"))
              .map(
                  d ->
                      "%d of %d tests passed (%d warnings, %d failures)"
                          .formatted(d.pass(), d.total(), d.warn(), d.error()))
              .orElse("none"),
          taskTime(store, run, "dbt_test", "dbt_test")
        });
    return TextTable.render(rows);
  }

  private void printWhereToLook() {
    out.println();
    out.println("Where to look (the stack keeps running; stop it with `./platform down`):");
    StackState.read(layout)
        .ifPresent(
            state -> {
              for (ServiceState service : state.services()) {
                if (service.name().equals("orchestrator")) {
                  out.printf("  Orchestrator UI  %s/?pipeline=%s%n", service.endpoint(), PIPELINE);
                } else if (service.name().equals("dashboard")) {
                  out.printf("  Dashboard        %s/%n", service.endpoint());
                } else if (service.name().equals("s3")) {
                  out.printf(
                      "  S3               %s  (eval \"$(./platform env)\"; aws --endpoint-url \"$S3_ENDPOINT\" s3 ls)%n",
                      service.endpoint());
                } else if (service.name().equals("postgres")) {
                  out.printf(
                      "  Warehouse        %s  (eval \"$(./platform env)\"; psql)%n",
                      service.endpoint());
                }
              }
            });
  }

  private String taskTime(OrchestratorStore store, PipelineRun run, String first, String last)
      throws SQLException {
    List<TaskAttempt> from = store.attempts(run.id(), first);
    List<TaskAttempt> to = store.attempts(run.id(), last);
    if (from.isEmpty() || to.isEmpty() || to.get(to.size() - 1).endedAt().isEmpty()) {
      return "-";
    }
    Instant start = from.get(0).startedAt();
    Instant end = to.get(to.size() - 1).endedAt().get();
    return seconds(Duration.between(start, end));
  }

  /** Runs a platform command in the foreground, with the demo's configuration; its exit code. */
  private int platform(String command, String... args) throws Exception {
    ComponentDescriptor component =
        catalog
            .forCommand(command)
            .orElseThrow(
                () ->
                    new PlatformException(
                        ExitCodes.USAGE, "The platform is built without `" + command + "`."));
    List<String> arguments = new ArrayList<>();
    arguments.add(command);
    arguments.addAll(List.of(args));
    arguments.addAll(configArguments);
    ComponentLaunch launch = launcher.recordingLaunch(component, List.of(), arguments);
    int exitCode = launch.builder().inheritIO().start().waitFor();
    launch.ended(exitCode);
    if (exitCode != ExitCodes.SUCCESS && !command.equals("up")) {
      throw new PlatformException(
          exitCode,
          "`platform %s` failed with exit code %d (see above).".formatted(command, exitCode));
    }
    return exitCode;
  }

  private void section(String title) {
    out.printf("%n== %s ==%n", title);
    out.flush();
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
