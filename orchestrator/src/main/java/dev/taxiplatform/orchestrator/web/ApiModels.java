package dev.taxiplatform.orchestrator.web;

import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.pipeline.TaskDefinition;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import dev.taxiplatform.orchestrator.state.TaskInstance;
import java.time.Instant;
import java.util.List;

/** What the REST API returns, as JSON. */
final class ApiModels {
  private ApiModels() {}

  record Pipeline(
      String name,
      String description,
      String schedule,
      boolean catchup,
      boolean paused,
      int maxActiveRuns,
      List<Task> tasks) {
    static Pipeline of(PipelineDefinition definition, boolean paused) {
      return new Pipeline(
          definition.name(),
          definition.description(),
          definition.scheduleExpression(),
          definition.catchup(),
          paused,
          definition.maxActiveRuns(),
          definition.tasks().stream().map(Task::of).toList());
    }
  }

  record Task(
      String id,
      String type,
      List<String> dependsOn,
      int retries,
      String retryDelay,
      String timeout,
      String triggerRule) {
    static Task of(TaskDefinition task) {
      return new Task(
          task.id(),
          task.spec().type(),
          task.dependsOn(),
          task.retries(),
          task.retryDelay().toString(),
          task.timeout().toString(),
          task.triggerRule().key());
    }
  }

  record Run(
      long id,
      String pipeline,
      String runKey,
      String trigger,
      Instant logicalDate,
      String state,
      Instant queuedAt,
      Instant startedAt,
      Instant endedAt,
      List<Instance> tasks) {
    static Run of(PipelineRun run, List<TaskInstance> instances) {
      return new Run(
          run.id(),
          run.pipeline(),
          run.runKey(),
          run.trigger(),
          run.logicalDate(),
          run.state().key(),
          run.queuedAt(),
          run.startedAt().orElse(null),
          run.endedAt().orElse(null),
          instances.stream().map(Instance::of).toList());
    }
  }

  record Instance(
      String taskId,
      String state,
      int tryNumber,
      int maxAttempts,
      Instant nextAttemptAt,
      Instant startedAt,
      Instant endedAt) {
    static Instance of(TaskInstance instance) {
      return new Instance(
          instance.taskId(),
          instance.state().key(),
          instance.tryNumber(),
          instance.maxAttempts(),
          instance.nextAttemptAt().orElse(null),
          instance.startedAt().orElse(null),
          instance.endedAt().orElse(null));
    }
  }

  record Attempt(
      int attempt,
      String state,
      Instant startedAt,
      Instant endedAt,
      Integer exitCode,
      String executor,
      String message) {
    static Attempt of(TaskAttempt attempt) {
      return new Attempt(
          attempt.attempt(),
          attempt.state(),
          attempt.startedAt(),
          attempt.endedAt().orElse(null),
          attempt.exitCode().orElse(null),
          attempt.executor(),
          attempt.message());
    }
  }

  record Error(String error) {}
}
