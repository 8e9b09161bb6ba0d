package dev.taxiplatform.orchestrator.executor;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.TaskSummaryFile;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLaunch;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The local executor: each attempt of a {@code platform} or {@code command} task is a child
 * process, in the platform's home directory, its output captured to the attempt's log file. An
 * attempt of {@code platform batch} that would go to a batch service is submitted there from here
 * instead, without the command's process ({@link BatchServiceTask}).
 */
public final class LocalProcessRunner implements TaskRunner {
  private final Path workingDirectory;
  private final ComponentCatalog catalog;
  private final ComponentLauncher launcher;
  private final Supplier<Map<String, String>> environment;

  /**
   * @param environment variables for every task (connections, data directory), asked at each start
   */
  public LocalProcessRunner(
      Path workingDirectory,
      ComponentCatalog catalog,
      ComponentLauncher launcher,
      Supplier<Map<String, String>> environment) {
    this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory");
    this.catalog = requireNonNull(catalog, "catalog");
    this.launcher = requireNonNull(launcher, "launcher");
    this.environment = requireNonNull(environment, "environment");
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public RunningTask start(TaskLaunch launch) throws IOException {
    Map<String, String> taskEnvironment = environment.get();
    Map<String, String> processEnvironment = new HashMap<>(System.getenv());
    processEnvironment.putAll(taskEnvironment);
    Optional<BatchServiceTask.Submission> submission =
        BatchServiceTask.Submission.of(launch, processEnvironment, workingDirectory);
    if (submission.isPresent()) {
      return BatchServiceTask.start(
          launch, submission.get(), () -> startProcess(launch, taskEnvironment));
    }
    return startProcess(launch, taskEnvironment);
  }

  private RunningTask startProcess(TaskLaunch launch, Map<String, String> taskEnvironment)
      throws IOException {
    ComponentLaunch componentLaunch = launch(launch.task().spec());
    ProcessBuilder builder = componentLaunch.builder();
    builder.environment().putAll(taskEnvironment);
    builder
        .environment()
        .put(TaskSummaryFile.VARIABLE, TaskSummaryFile.besideLog(launch.logFile()).toString());
    builder.directory(workingDirectory.toFile());
    Files.createDirectories(launch.logFile().getParent());
    Files.writeString(
        launch.logFile(),
        "[%s] attempt %d of %s: %s%n"
            .formatted(
                Instant.now(),
                launch.attempt(),
                launch.task().id(),
                String.join(" ", builder.command())),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process process =
        builder
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    process.onExit().thenAccept(ended -> componentLaunch.ended(ended.exitValue()));
    return new ProcessRunningTask(process);
  }

  private ComponentLaunch launch(TaskSpec spec) {
    if (spec instanceof TaskSpec.Platform platform) {
      ComponentDescriptor component =
          catalog
              .forCommand(platform.command())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "No built component offers `platform %s`".formatted(platform.command())));
      List<String> args = new ArrayList<>();
      args.add(platform.command());
      args.addAll(platform.args());
      return launcher.recordingLaunch(component, List.of(), args);
    }
    if (spec instanceof TaskSpec.Command command) {
      return ComponentLaunch.of(new ProcessBuilder(command.argv()));
    }
    throw new IllegalArgumentException("The local executor does not run " + spec.type() + " tasks");
  }
}
