package dev.taxiplatform.orchestrator.engine;

import com.zaxxer.hikari.HikariDataSource;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.orchestrator.executor.LocalProcessRunner;
import dev.taxiplatform.orchestrator.executor.TaskRunner;
import dev.taxiplatform.orchestrator.executor.TaskRunners;
import dev.taxiplatform.orchestrator.executor.WaitRunner;
import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.pipeline.PipelineLoader;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.PooledDataSource;
import dev.taxiplatform.orchestrator.state.RunState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** An engine over the shared test stack's warehouse, with pipelines written by the test. */
final class EngineHarness implements AutoCloseable {
  private static HikariDataSource dataSource;

  final Path directory;
  final OrchestratorStore store;
  final MutableClock clock = new MutableClock();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Map<String, PipelineDefinition> pipelines = new HashMap<>();
  private PipelineEngine engine;

  EngineHarness(Path directory) {
    this.directory = directory;
    this.store = new OrchestratorStore(dataSource());
    store.migrate();
  }

  static synchronized HikariDataSource dataSource() {
    if (dataSource == null) {
      dataSource =
          PooledDataSource.create(LocalStack.shared().connections().warehouse(), "test", 4);
    }
    return dataSource;
  }

  /** Writes a pipeline file with a unique name and loads it; {@code %name%} is replaced. */
  PipelineDefinition pipeline(String yaml) {
    String name = "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try {
      Path file = directory.resolve(name + ".yaml");
      Files.writeString(file, yaml.replace("%name%", name).replace("%dir%", directory.toString()));
      PipelineDefinition pipeline = new PipelineLoader(Set.of()).load(file);
      pipelines.put(pipeline.name(), pipeline);
      engine = null;
      return pipeline;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  PipelineEngine engine() {
    if (engine == null) {
      Path home = PlatformHome.locate();
      TaskRunner unavailable =
          new TaskRunner() {
            @Override
            public dev.taxiplatform.orchestrator.executor.RunningTask start(
                dev.taxiplatform.orchestrator.executor.TaskLaunch launch) {
              throw new IllegalStateException("no streaming in this test");
            }

            @Override
            public String name() {
              return "none";
            }
          };
      TaskRunners runners =
          new TaskRunners(
              new LocalProcessRunner(
                  home, ComponentCatalog.discover(home), new ComponentLauncher(home), Map::of),
              new WaitRunner(since -> 0, java.util.Optional.empty()),
              unavailable);
      engine =
          new PipelineEngine(
              pipelines,
              store,
              runners,
              new AttemptLogs(directory.resolve("logs")),
              clock,
              "test-" + UUID.randomUUID(),
              new EngineMetrics(registry, clock),
              TransformSummaryPush.NONE);
    }
    return engine;
  }

  /** Ticks the engine until the run has finished. */
  PipelineRun runToCompletion(long runId, Duration timeout)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      engine().tick();
      PipelineRun run = store.run(runId).orElseThrow();
      if (run.state().finished()) {
        return run;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + runId + " did not finish within " + timeout);
  }

  /** Ticks until every given run has finished. */
  void runAll(Iterable<Long> runIds, Duration timeout) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      engine().tick();
      boolean done = true;
      for (long id : runIds) {
        done &= store.run(id).orElseThrow().state().finished();
      }
      if (done) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("runs did not finish within " + timeout);
  }

  RunState stateOf(long runId) throws SQLException {
    return store.run(runId).orElseThrow().state();
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.killRunning();
    }
  }
}
