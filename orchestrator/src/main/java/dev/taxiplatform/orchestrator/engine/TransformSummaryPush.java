package dev.taxiplatform.orchestrator.engine;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.metrics.SummaryPusher;
import dev.taxiplatform.orchestrator.pipeline.TaskDefinition;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Pushes the tally of a transform task's attempt to the Pushgateway, as batch and load push their
 * own run summaries: the transform command stays free of monitoring, and the orchestrator that ran
 * it reads the tally from the attempt's log. Job {@code transform-<subcommand>} (e.g. {@code
 * transform-test}); a failed attempt replaces the figures but keeps the time of the last success.
 */
public final class TransformSummaryPush {
  /** No pushing (no Pushgateway). */
  public static final TransformSummaryPush NONE = new TransformSummaryPush(Optional::empty);

  private static final String COMMAND = "transform";

  private final Supplier<Optional<SummaryPusher>> pusher;

  /**
   * @param pusher the pusher at the time of an attempt's end (the local stack's Pushgateway may
   *     start after the orchestrator)
   */
  public TransformSummaryPush(Supplier<Optional<SummaryPusher>> pusher) {
    this.pusher = requireNonNull(pusher, "pusher");
  }

  /** Pushes the attempt's tally when {@code task} runs a transform command that printed one. */
  void attemptFinished(TaskDefinition task, Path log, boolean succeeded, Duration duration) {
    if (!(task.spec() instanceof TaskSpec.Platform platform)
        || !platform.command().equals(COMMAND)
        || platform.args().isEmpty()) {
      return;
    }
    Optional<TransformTally> tally = TransformTally.lastIn(log);
    if (tally.isEmpty()) {
      return;
    }
    Optional<SummaryPusher> target = pusher.get();
    if (target.isEmpty()) {
      return;
    }
    String job = COMMAND + "-" + platform.args().get(0);
    Map<String, Number> metrics = metrics(tally.get(), succeeded, duration);
    if (succeeded) {
      target.get().pushSuccess(job, metrics, Instant.now());
    } else {
      target.get().pushFailure(job, metrics);
    }
  }

  static Map<String, Number> metrics(TransformTally tally, boolean succeeded, Duration duration) {
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("taxi_transform_nodes_passed_total", tally.pass());
    metrics.put("taxi_transform_nodes_warned_total", tally.warn());
    metrics.put("taxi_transform_nodes_failed_total", tally.error());
    metrics.put("taxi_transform_nodes_skipped_total", tally.skip());
    metrics.put("taxi_transform_nodes_run_total", tally.total());
    metrics.put("taxi_transform_succeeded", succeeded ? 1 : 0);
    metrics.put("taxi_transform_duration_seconds", duration.toMillis() / 1000.0);
    return metrics;
  }
}
