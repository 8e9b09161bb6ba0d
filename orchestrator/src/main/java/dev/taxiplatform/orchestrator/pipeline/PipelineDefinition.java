package dev.taxiplatform.orchestrator.pipeline;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.Cron;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline as declared in its YAML file: tasks with their dependencies, and how it is scheduled.
 *
 * @param name its name (the file's {@code pipeline:} key)
 * @param description one line for lists and the UI
 * @param source the file it was read from
 * @param schedule a cron schedule; empty: manual triggers only
 * @param scheduleExpression the cron expression as written ("" when none)
 * @param catchup whether missed schedule times are all run, rather than only the latest
 * @param pausedInitially whether its schedule starts paused (until unpaused)
 * @param maxActiveRuns how many runs of it may run at once
 * @param graph the tasks and their dependencies, in a valid (acyclic) order
 */
public record PipelineDefinition(
    String name,
    String description,
    Path source,
    Optional<Cron> schedule,
    String scheduleExpression,
    boolean catchup,
    boolean pausedInitially,
    int maxActiveRuns,
    PipelineGraph graph) {
  public PipelineDefinition {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(source, "source");
    requireNonNull(schedule, "schedule");
    requireNonNull(scheduleExpression, "scheduleExpression");
    requireNonNull(graph, "graph");
  }

  public List<TaskDefinition> tasks() {
    return graph.tasks();
  }

  public TaskDefinition task(String id) {
    return graph.task(id);
  }
}
