package dev.taxiplatform.orchestrator.engine;

import dev.taxiplatform.orchestrator.pipeline.TriggerRule;
import dev.taxiplatform.orchestrator.state.TaskState;
import java.util.List;

/** Decides, from its upstream tasks' states and its trigger rule, what a waiting task does. */
final class TriggerEvaluation {
  /** What a waiting task does now. */
  enum Decision {
    RUN,
    WAIT,
    UPSTREAM_FAILED,
    SKIP
  }

  private TriggerEvaluation() {}

  static Decision decide(TriggerRule rule, List<TaskState> upstream) {
    if (upstream.isEmpty() || rule == TriggerRule.ALWAYS) {
      return Decision.RUN;
    }
    boolean allFinished = upstream.stream().allMatch(TaskState::finished);
    boolean anySuccess = upstream.contains(TaskState.SUCCESS);
    boolean anyFailed = upstream.stream().anyMatch(TaskState::failedLike);
    boolean anySkipped = upstream.contains(TaskState.SKIPPED);
    return switch (rule) {
      case ALL_SUCCESS -> {
        if (anyFailed) {
          yield Decision.UPSTREAM_FAILED;
        }
        if (anySkipped) {
          yield Decision.SKIP;
        }
        yield upstream.stream().allMatch(s -> s == TaskState.SUCCESS)
            ? Decision.RUN
            : Decision.WAIT;
      }
      case ALL_FAILED -> {
        if (anySuccess || anySkipped) {
          yield Decision.SKIP;
        }
        yield upstream.stream().allMatch(TaskState::failedLike) ? Decision.RUN : Decision.WAIT;
      }
      case ALL_DONE -> allFinished ? Decision.RUN : Decision.WAIT;
      case ONE_SUCCESS -> {
        if (anySuccess) {
          yield Decision.RUN;
        }
        if (!allFinished) {
          yield Decision.WAIT;
        }
        yield anyFailed ? Decision.UPSTREAM_FAILED : Decision.SKIP;
      }
      case ONE_FAILED -> {
        if (anyFailed) {
          yield Decision.RUN;
        }
        yield allFinished ? Decision.SKIP : Decision.WAIT;
      }
      case NONE_FAILED -> {
        if (anyFailed) {
          yield Decision.UPSTREAM_FAILED;
        }
        yield allFinished ? Decision.RUN : Decision.WAIT;
      }
      case ALWAYS -> Decision.RUN;
    };
  }
}
