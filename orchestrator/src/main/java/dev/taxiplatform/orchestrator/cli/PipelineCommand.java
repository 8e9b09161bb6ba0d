package dev.taxiplatform.orchestrator.cli;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.cli.TextTable;
import dev.taxiplatform.orchestrator.OrchestratorRuntime;
import dev.taxiplatform.orchestrator.engine.PipelineEngine;
import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.RunState;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import dev.taxiplatform.orchestrator.state.TaskInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code platform pipeline list|run|status|logs|backfill}. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description =
        "Pipelines: list them, trigger a run, follow its progress, read task logs, backfill.",
    subcommands = {
      PipelineCommand.ListCommand.class,
      PipelineCommand.RunCommand.class,
      PipelineCommand.StatusCommand.class,
      PipelineCommand.LogsCommand.class,
      PipelineCommand.BackfillCommand.class,
      PipelineCommand.PauseCommand.class,
      PipelineCommand.UnpauseCommand.class
    })
public final class PipelineCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command: list, run, status, logs or backfill.");
  }

  /** {@code platform pipeline list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the pipelines and their latest run.")
  static final class ListCommand implements Callable<Integer> {
    @Mixin private ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
      try (OrchestratorRuntime runtime = OrchestratorRuntime.create(configOptions.load())) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PIPELINE", "SCHEDULE", "TASKS", "LATEST RUN", "DESCRIPTION"});
        OrchestratorStore store = runtime.store();
        for (PipelineDefinition pipeline : runtime.pipelines().values()) {
          String latest =
              runtime.store().recentRuns(pipeline.name(), 1).stream()
                  .findFirst()
                  .map(r -> "#%d %s %s".formatted(r.id(), r.state().key(), r.queuedAt()))
                  .orElse("-");
          rows.add(
              new String[] {
                pipeline.name(),
                pipeline.scheduleExpression().isEmpty()
                    ? "manual"
                    : pipeline.scheduleExpression()
                        + (store.isPaused(pipeline.name(), pipeline.pausedInitially())
                            ? " (paused)"
                            : ""),
                Integer.toString(pipeline.tasks().size()),
                latest,
                pipeline.description()
              });
        }
        System.out.print(TextTable.render(rows));
      }
      return ExitCodes.SUCCESS;
    }
  }

  /** {@code platform pipeline run NAME [--wait]}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Queue a run of a pipeline. With --wait, follow it until it finishes: the running orchestrator"
            + " runs it, or, when none runs, this command does.",
        "Exit code with --wait: 0 the run succeeded, 1 it failed."
      })
  static final class RunCommand implements Callable<Integer> {
    @Mixin private ConfigOptions configOptions;

    @Parameters(paramLabel = "PIPELINE", description = "The pipeline to run.")
    private String pipeline;

    @Option(names = "--wait", description = "Follow the run until it finishes.")
    private boolean wait;

    @Override
    public Integer call() throws Exception {
      try (OrchestratorRuntime runtime = OrchestratorRuntime.create(configOptions.load())) {
        requirePipeline(runtime, pipeline);
        PipelineRun run =
            PipelineEngine.trigger(runtime.pipelines(), runtime.store(), pipeline, Instant.now());
        System.out.printf("Queued run #%d of %s.%n", run.id(), pipeline);
        if (!wait) {
          return ExitCodes.SUCCESS;
        }
        PipelineRun finished = RunWaiter.await(runtime, run.id(), System.out);
        System.out.printf(
            "Run #%d of %s %s in %s.%n",
            finished.id(),
            pipeline,
            finished.state() == RunState.SUCCESS ? "succeeded" : "failed",
            RunWaiter.duration(finished));
        return finished.state() == RunState.SUCCESS ? ExitCodes.SUCCESS : ExitCodes.FAILED;
      }
    }
  }

  /** {@code platform pipeline status [RUN]}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Without RUN: the latest runs of each pipeline. With RUN: its tasks, their states and attempts.")
  static final class StatusCommand implements Callable<Integer> {
    @Mixin private ConfigOptions configOptions;

    @Parameters(paramLabel = "RUN", arity = "0..1", description = "A run id.")
    private Long runId;

    @Option(
        names = "--limit",
        defaultValue = "5",
        description = "Runs per pipeline (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() throws Exception {
      try (OrchestratorRuntime runtime = OrchestratorRuntime.create(configOptions.load())) {
        OrchestratorStore store = runtime.store();
        if (runId == null) {
          List<String[]> rows = new ArrayList<>();
          rows.add(new String[] {"RUN", "PIPELINE", "TRIGGER", "STATE", "QUEUED", "DURATION"});
          for (String name : runtime.pipelines().keySet()) {
            for (PipelineRun run : store.recentRuns(name, limit)) {
              rows.add(
                  new String[] {
                    "#" + run.id(),
                    name,
                    run.trigger(),
                    run.state().key(),
                    run.queuedAt().toString(),
                    RunWaiter.duration(run)
                  });
            }
          }
          System.out.print(TextTable.render(rows));
          return ExitCodes.SUCCESS;
        }
        PipelineRun run =
            store.run(runId).orElseThrow(() -> PlatformException.usage("No run #" + runId));
        System.out.printf(
            "Run #%d of %s (%s, %s): %s, %s%n",
            run.id(),
            run.pipeline(),
            run.trigger(),
            run.logicalDate(),
            run.state().key(),
            RunWaiter.duration(run));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TASK", "STATE", "TRIES", "LAST MESSAGE"});
        PipelineDefinition pipeline = runtime.pipelines().get(run.pipeline());
        List<TaskInstance> instances = store.taskInstances(run.id());
        for (TaskInstance instance : ordered(instances, pipeline)) {
          List<TaskAttempt> attempts = store.attempts(run.id(), instance.taskId());
          rows.add(
              new String[] {
                instance.taskId(),
                instance.state().key(),
                "%d/%d".formatted(instance.tryNumber(), instance.maxAttempts()),
                attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1).message()
              });
        }
        System.out.print(TextTable.render(rows));
        return ExitCodes.SUCCESS;
      }
    }

    private static List<TaskInstance> ordered(
        List<TaskInstance> instances, PipelineDefinition pipeline) {
      if (pipeline == null) {
        return instances;
      }
      List<TaskInstance> ordered = new ArrayList<>();
      pipeline
          .tasks()
          .forEach(
              t -> instances.stream().filter(i -> i.taskId().equals(t.id())).forEach(ordered::add));
      return ordered;
    }
  }

  /** {@code platform pipeline logs RUN TASK}. */
  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "Print the log of a task's attempt (the latest by default).")
  static final class LogsCommand implements Callable<Integer> {
    @Mixin private ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    private long runId;

    @Parameters(index = "1", paramLabel = "TASK", description = "The task id.")
    private String task;

    @Option(names = "--attempt", description = "The attempt (default: the latest).")
    private Integer attempt;

    @Override
    public Integer call() throws Exception {
      try (OrchestratorRuntime runtime = OrchestratorRuntime.create(configOptions.load())) {
        List<TaskAttempt> attempts = runtime.store().attempts(runId, task);
        if (attempts.isEmpty()) {
          throw PlatformException.usage(
              "Task %s of run #%d has no attempts.".formatted(task, runId));
        }
        int wanted = attempt == null ? attempts.size() : attempt;
        TaskAttempt chosen =
            attempts.stream()
                .filter(a -> a.attempt() == wanted)
                .findFirst()
                .orElseThrow(
                    () ->
                        PlatformException.usage(
                            "Task %s of run #%d has no attempt %d."
                                .formatted(task, runId, wanted)));
        Path log = Path.of(chosen.logPath());
        System.out.printf("==> %s (attempt %d, %s) <==%n", log, chosen.attempt(), chosen.state());
        System.out.print(
            Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)\n");
        return ExitCodes.SUCCESS;
      }
    }
  }

  /** {@code platform pipeline backfill NAME --from --to}. */
  @Command(
      name = "backfill",
      mixinStandardHelpOptions = true,
      description =
          "Queue one run per schedule time in [--from, --to] (ISO-8601 instants, e.g. 2026-11-01T00:00:00Z).")
  static final class BackfillCommand implements Callable<Integer> {
    @Mixin private ConfigOptions configOptions;

    @Parameters(paramLabel = "PIPELINE", description = "A pipeline with a schedule.")
    private String pipeline;

    @Option(names = "--from", required = true, description = "First schedule time to run.")
    private String from;

    @Option(names = "--to", required = true, description = "Last schedule time to run.")
    private String to;

    @Override
    public Integer call() throws Exception {
      Instant start = instant(from, "--from");
      Instant end = instant(to, "--to");
      if (end.isBefore(start)) {
        throw PlatformException.usage("--to (%s) is before --from (%s).".formatted(end, start));
      }
      try (OrchestratorRuntime runtime = OrchestratorRuntime.create(configOptions.load())) {
        requirePipeline(runtime, pipeline);
        List<PipelineRun> runs;
        try {
          runs =
              PipelineEngine.backfill(runtime.pipelines(), runtime.store(), pipeline, start, end);
        } catch (IllegalArgumentException e) {
          throw PlatformException.usage(e.getMessage());
        }
        System.out.printf("Queued %d backfill run(s) of %s.%n", runs.size(), pipeline);
        runs.forEach(r -> System.out.printf("  #%d for %s%n", r.id(), r.logicalDate()));
        return ExitCodes.SUCCESS;
      }
    }

    private static Instant instant(String text, String option) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw PlatformException.usage(
            "%s \"%s\" is not an ISO-8601 instant such as 2026-11-01T00:00:00Z."
                .formatted(option, text));
      }
    }
  }

  /** {@code platform pipeline pause NAME}. */
  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause a pipeline's schedule (manual runs still work).")
  static final class PauseCommand implements Callable<Integer> {
    @Mixin private ConfigOptions configOptions;

    @Parameters(paramLabel = "PIPELINE", description = "The pipeline.")
    private String pipeline;

    @Override
    public Integer call() throws Exception {
      return setPaused(configOptions, pipeline, true);
    }
  }

  /** {@code platform pipeline unpause NAME}. */
  @Command(
      name = "unpause",
      mixinStandardHelpOptions = true,
      description = "Let a pipeline's schedule fire again.")
  static final class UnpauseCommand implements Callable<Integer> {
    @Mixin private ConfigOptions configOptions;

    @Parameters(paramLabel = "PIPELINE", description = "The pipeline.")
    private String pipeline;

    @Override
    public Integer call() throws Exception {
      return setPaused(configOptions, pipeline, false);
    }
  }

  private static int setPaused(ConfigOptions configOptions, String pipeline, boolean paused)
      throws Exception {
    try (OrchestratorRuntime runtime = OrchestratorRuntime.create(configOptions.load())) {
      requirePipeline(runtime, pipeline);
      runtime.store().setPaused(pipeline, paused);
      PipelineDefinition definition = runtime.pipelines().get(pipeline);
      System.out.printf(
          "%s: schedule %s%s.%n",
          pipeline,
          paused ? "paused" : "active",
          definition.scheduleExpression().isEmpty()
              ? " (it has no schedule: manual runs only)"
              : " (" + definition.scheduleExpression() + ")");
      return ExitCodes.SUCCESS;
    }
  }

  static void requirePipeline(OrchestratorRuntime runtime, String name) {
    if (!runtime.pipelines().containsKey(name)) {
      throw PlatformException.usage(
          "No pipeline \"%s\". Known: %s (see `platform pipeline list`)."
              .formatted(name, String.join(", ", runtime.pipelines().keySet())));
    }
  }
}
