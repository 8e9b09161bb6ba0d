package dev.taxiplatform.orchestrator.executor;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.pipeline.TaskDefinition;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import java.nio.file.Path;

/**
 * What an executor needs to run one attempt of a task.
 *
 * @param pipeline the pipeline
 * @param run the run
 * @param task the task
 * @param attempt the attempt's number, from 1
 * @param logFile where the attempt's output goes
 */
public record TaskLaunch(
    PipelineDefinition pipeline, PipelineRun run, TaskDefinition task, int attempt, Path logFile) {
  public TaskLaunch {
    requireNonNull(pipeline, "pipeline");
    requireNonNull(run, "run");
    requireNonNull(task, "task");
    requireNonNull(logFile, "logFile");
  }

  /** A name for the attempt, unique and usable as a Kubernetes resource name suffix. */
  public String attemptName() {
    return "%s-%d-%s-%d".formatted(pipeline.name(), run.id(), task.id(), attempt);
  }
}
