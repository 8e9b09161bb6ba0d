package dev.taxiplatform.orchestrator.executor;

import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.pipeline.PipelineGraph;
import dev.taxiplatform.orchestrator.pipeline.TaskDefinition;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import dev.taxiplatform.orchestrator.pipeline.TriggerRule;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Launches of one task of run 42 of {@code platform_pipeline}, for executor tests. */
public final class TestLaunches {
  private TestLaunches() {}

  /**
   * Attempt {@code attempt} of a task with a 45-minute timeout, logging to {@code
   * <directory>/<taskId>.log}.
   */
  public static TaskLaunch attempt(Path directory, TaskSpec spec, String taskId, int attempt) {
    TaskDefinition task =
        new TaskDefinition(
            taskId,
            spec,
            List.of(),
            1,
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(45),
            TriggerRule.ALL_SUCCESS);
    PipelineDefinition pipeline =
        new PipelineDefinition(
            "platform_pipeline",
            "",
            directory.resolve("p.yaml"),
            Optional.empty(),
            "",
            false,
            false,
            1,
            PipelineGraph.of(List.of(task)));
    PipelineRun run =
        new PipelineRun(
            42,
            "platform_pipeline",
            "manual__x",
            "manual",
            Instant.now(),
            RunState.RUNNING,
            Instant.now(),
            Optional.empty(),
            Optional.empty());
    return new TaskLaunch(pipeline, run, task, attempt, directory.resolve(taskId + ".log"));
  }
}
