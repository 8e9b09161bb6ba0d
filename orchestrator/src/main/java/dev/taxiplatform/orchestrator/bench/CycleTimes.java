package dev.taxiplatform.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of the continuous pipeline during the benchmark, from the orchestrator's records.
 *
 * @param runId the run
 * @param state its final state
 * @param total its start to its end
 * @param tasks each task's time, first attempt's start to last attempt's end, in pipeline order
 */
record CycleTimes(long runId, String state, Duration total, Map<String, Duration> tasks) {
  CycleTimes {
    requireNonNull(state, "state");
    requireNonNull(total, "total");
    tasks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
  }
}
