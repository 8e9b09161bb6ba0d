package dev.taxiplatform.orchestrator.streaming;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import dev.taxiplatform.orchestrator.executor.InProcessTask;
import dev.taxiplatform.orchestrator.executor.RunningTask;
import dev.taxiplatform.orchestrator.executor.TaskLaunch;
import dev.taxiplatform.orchestrator.executor.TaskRunner;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code streaming} tasks on a local machine: {@code start} runs a producer (and a sink, unless the
 * local stack already runs one) as background processes; {@code stop} stops the producer, then
 * makes sure every produced ride reached S3: it stops the sink it started (which flushes and
 * commits on the way out), and waits until the sinks' consumer group (any sink still running: the
 * stack's, or one in its own container) has consumed and committed everything. The processes are
 * recorded in the database, so a restarted orchestrator stops what an earlier one started.
 */
public final class StreamingRunner implements TaskRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingRunner.class);
  static final String PRODUCER = "producer";
  static final String SINK = "sink";
  private static final Duration STOP_GRACE = Duration.ofMinutes(2);
  private static final Duration START_CHECK = Duration.ofSeconds(3);

  private final PlatformConfig config;
  private final ComponentCatalog catalog;
  private final ComponentLauncher launcher;
  private final OrchestratorStore store;
  private final Supplier<Map<String, String>> environment;
  private final Path workingDirectory;

  public StreamingRunner(
      PlatformConfig config,
      ComponentCatalog catalog,
      ComponentLauncher launcher,
      OrchestratorStore store,
      Supplier<Map<String, String>> environment,
      Path workingDirectory) {
    this.config = requireNonNull(config, "config");
    this.catalog = requireNonNull(catalog, "catalog");
    this.launcher = requireNonNull(launcher, "launcher");
    this.store = requireNonNull(store, "store");
    this.environment = requireNonNull(environment, "environment");
    this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory");
  }

  @Override
  public String name() {
    return "in-process";
  }

  @Override
  public RunningTask start(TaskLaunch launch) {
    TaskSpec.Streaming spec = (TaskSpec.Streaming) launch.task().spec();
    return InProcessTask.start(
        launch.attemptName(),
        launch.logFile(),
        log -> {
          if (spec.action() == TaskSpec.Streaming.Action.START) {
            List<String> producerArgs = new ArrayList<>(List.of("produce"));
            spec.eventsPerSecond()
                .ifPresent(rate -> producerArgs.addAll(List.of("--rate", rate.toString())));
            ensureRunning(PRODUCER, producerArgs, log);
            Optional<ServiceState> stackSink = stackSink(warning -> log.line("%s", warning));
            if (stackSink.isPresent()) {
              log.line(
                  "the local stack's sink (pid %d) writes the rides to S3", stackSink.get().pid());
            } else {
              ensureRunning(SINK, List.of("sink"), log);
            }
          } else {
            stop(PRODUCER, log);
            if (running(SINK).isPresent()) {
              stop(SINK, log);
            }
            // Other sinks of the group (the local stack's, or one in its own container) may still
            // hold rides: wait until the group has written and committed every one.
            SinkDrain.of(
                    config,
                    stackSink(warning -> log.line("%s", warning)).map(ServiceState::endpoint))
                .await(launch.task().timeout(), log);
          }
        });
  }

  private void ensureRunning(String name, List<String> args, InProcessTask.Log log)
      throws Exception {
    Optional<ProcessHandle> existing = running(name);
    if (existing.isPresent()) {
      log.line("%s already runs (pid %d)", name, existing.get().pid());
      return;
    }
    ComponentDescriptor component =
        catalog
            .forCommand(args.get(0))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No built component offers `platform %s`".formatted(args.get(0))));
    Path logFile =
        new StackLayout(config.dataDir()).logsDir().resolve("streaming").resolve(name + ".log");
    Files.createDirectories(logFile.getParent());
    ProcessBuilder builder = launcher.processBuilder(component, List.of(), args);
    builder.environment().putAll(environment.get());
    Process process =
        builder
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    store.recordStreamingProcess(name, process.pid(), String.join(" ", args), logFile.toString());
    Thread.sleep(START_CHECK.toMillis());
    if (!process.isAlive()) {
      store.forgetStreamingProcess(name);
      throw new IllegalStateException(
          "%s exited at once with code %d; see %s".formatted(name, process.exitValue(), logFile));
    }
    log.line(
        "started %s (pid %d): platform %s; log %s",
        name, process.pid(), String.join(" ", args), logFile);
  }

  private void stop(String name, InProcessTask.Log log) throws SQLException {
    Optional<ProcessHandle> process = running(name);
    if (process.isEmpty()) {
      log.line("%s is not running", name);
      store.forgetStreamingProcess(name);
      return;
    }
    log.line("stopping %s (pid %d)", name, process.get().pid());
    boolean orderly = Processes.stop(process.get(), STOP_GRACE);
    store.forgetStreamingProcess(name);
    if (!orderly) {
      throw new IllegalStateException(
          "%s did not stop within %s and was killed; rides it held may be re-delivered"
              .formatted(name, STOP_GRACE));
    }
    log.line("%s stopped", name);
  }

  private Optional<ProcessHandle> running(String name) throws SQLException {
    return store.streamingProcess(name).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
  }

  /**
   * The local stack's healthy sink, if one runs. A stack state that cannot be read counts as no
   * sink, and {@code warn} (the attempt's log) and the orchestrator's log say why.
   */
  Optional<ServiceState> stackSink(Consumer<String> warn) {
    StackLayout layout = new StackLayout(config.dataDir());
    try {
      return StackState.read(layout)
          .filter(StackState::supervisorAlive)
          .flatMap(s -> s.service(SINK))
          .filter(s -> s.health() == ServiceState.Health.HEALTHY);
    } catch (RuntimeException e) {
      String warning =
          "cannot tell whether the local stack runs a sink (%s); going on as if it ran none"
              .formatted(e.getMessage());
      LOG.warn(warning, e);
      warn.accept(warning);
      return Optional.empty();
    }
  }
}
