package dev.taxiplatform.orchestrator.pipeline;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * One task of a pipeline.
 *
 * @param id its id, unique in the pipeline
 * @param spec what it does
 * @param dependsOn the tasks that must finish first
 * @param retries how many times a failed attempt is retried
 * @param retryDelay the wait before the first retry; it doubles each retry
 * @param maxRetryDelay the longest wait between retries
 * @param timeout an attempt running longer is killed and counts as failed
 * @param triggerRule when it may run, given its upstream tasks' states
 */
public record TaskDefinition(
    String id,
    TaskSpec spec,
    List<String> dependsOn,
    int retries,
    Duration retryDelay,
    Duration maxRetryDelay,
    Duration timeout,
    TriggerRule triggerRule) {
  public TaskDefinition {
    requireNonNull(id, "id");
    requireNonNull(spec, "spec");
    dependsOn = List.copyOf(dependsOn);
    requireNonNull(retryDelay, "retryDelay");
    requireNonNull(maxRetryDelay, "maxRetryDelay");
    requireNonNull(timeout, "timeout");
    requireNonNull(triggerRule, "triggerRule");
  }

  /** Attempts allowed in all: the first one plus the retries. */
  public int maxAttempts() {
    return retries + 1;
  }

  /** The wait before retry number {@code retry} (1-based): exponential, capped. */
  public Duration delayBeforeRetry(int retry) {
    Duration delay = retryDelay;
    for (int i = 1; i < retry && delay.compareTo(maxRetryDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
  }
}
