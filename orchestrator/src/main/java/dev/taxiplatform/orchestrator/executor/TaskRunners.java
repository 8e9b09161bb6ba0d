package dev.taxiplatform.orchestrator.executor;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.orchestrator.pipeline.TaskSpec;

/** Which runner runs which kind of task. */
public final class TaskRunners {
  private final TaskRunner processes;
  private final TaskRunner waits;
  private final TaskRunner streaming;

  /**
   * @param processes runs {@code platform} and {@code command} tasks (the local or Kubernetes
   *     executor)
   * @param waits runs {@code wait} tasks
   * @param streaming runs {@code streaming} tasks
   */
  public TaskRunners(TaskRunner processes, TaskRunner waits, TaskRunner streaming) {
    this.processes = requireNonNull(processes, "processes");
    this.waits = requireNonNull(waits, "waits");
    this.streaming = requireNonNull(streaming, "streaming");
  }

  public TaskRunner forSpec(TaskSpec spec) {
    if (spec instanceof TaskSpec.Wait) {
      return waits;
    }
    if (spec instanceof TaskSpec.Streaming) {
      return streaming;
    }
    return processes;
  }
}
