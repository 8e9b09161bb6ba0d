package dev.taxiplatform.orchestrator.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What the run history says of one pipeline, for the metrics an orchestrator restores at start-up.
 *
 * @param pipeline the pipeline's name
 * @param lastSuccess when its last successful run ended
 * @param lastFinished when its last finished run (success or failure) ended
 * @param lastState that run's state
 */
public record PipelineHistory(
    String pipeline,
    Optional<Instant> lastSuccess,
    Optional<Instant> lastFinished,
    Optional<RunState> lastState) {
  public PipelineHistory {
    requireNonNull(pipeline, "pipeline");
    requireNonNull(lastSuccess, "lastSuccess");
    requireNonNull(lastFinished, "lastFinished");
    requireNonNull(lastState, "lastState");
  }
}
