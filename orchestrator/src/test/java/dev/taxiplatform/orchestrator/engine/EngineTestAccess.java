package dev.taxiplatform.orchestrator.engine;

import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import java.nio.file.Path;
import java.time.Duration;

/** The engine test harness, for tests in other packages. */
public final class EngineTestAccess implements AutoCloseable {
  private final EngineHarness harness;

  public EngineTestAccess(Path directory) {
    this.harness = new EngineHarness(directory);
  }

  public PipelineDefinition pipeline(String yaml) {
    return harness.pipeline(yaml);
  }

  public OrchestratorStore store() {
    return harness.store;
  }

  public PipelineEngine engine() {
    return harness.engine();
  }

  public PipelineRun runToCompletion(long runId, Duration timeout) throws Exception {
    return harness.runToCompletion(runId, timeout);
  }

  @Override
  public void close() {
    harness.close();
  }
}
