package dev.taxiplatform.orchestrator.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One run of a pipeline.
 *
 * @param id its id
 * @param pipeline the pipeline's name
 * @param runKey unique per pipeline: {@code <trigger>__<logical date>}
 * @param trigger manual, schedule or backfill
 * @param logicalDate the time the run is for (its schedule time, or when it was triggered)
 * @param state its state
 * @param queuedAt when it was created
 * @param startedAt when it started running
 * @param endedAt when it finished
 */
public record PipelineRun(
    long id,
    String pipeline,
    String runKey,
    String trigger,
    Instant logicalDate,
    RunState state,
    Instant queuedAt,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt) {
  public PipelineRun {
    requireNonNull(pipeline, "pipeline");
    requireNonNull(runKey, "runKey");
    requireNonNull(trigger, "trigger");
    requireNonNull(logicalDate, "logicalDate");
    requireNonNull(state, "state");
    requireNonNull(queuedAt, "queuedAt");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
  }
}
