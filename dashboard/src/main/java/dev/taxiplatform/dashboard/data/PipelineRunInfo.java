package dev.taxiplatform.dashboard.data;

import java.time.Instant;

/**
 * The orchestrator's most recent pipeline run, as recorded in {@code platform.pipeline_runs}.
 *
 * @param runId its id
 * @param pipeline the pipeline's name
 * @param state queued, running, success or failed
 * @param trigger manual, schedule or backfill
 * @param queuedAt when it was queued
 * @param startedAt when it started, or null
 * @param endedAt when it ended, or null
 */
public record PipelineRunInfo(
    long runId,
    String pipeline,
    String state,
    String trigger,
    Instant queuedAt,
    Instant startedAt,
    Instant endedAt) {}
