package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The batch service's answer to a submitted run.
 *
 * @param exitCode the run's exit code, as {@code platform batch} would exit in-process
 * @param message why it failed ("" when it succeeded)
 * @param rendered the run's summary as printed ("" when it failed)
 * @param summary the run's summary (null when it failed)
 * @param metrics the summary's meters (empty when it failed)
 * @param runNumber the service's count of runs including this one (0 when refused)
 * @param sparkApplicationId the warm session's Spark application ("" when refused)
 */
record BatchServiceReply(
    int exitCode,
    String message,
    String rendered,
    BatchRunSummary summary,
    Map<String, Object> metrics,
    long runNumber,
    String sparkApplicationId) {
  BatchServiceReply {
    requireNonNull(message, "message");
    requireNonNull(rendered, "rendered");
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    requireNonNull(sparkApplicationId, "sparkApplicationId");
  }

  static BatchServiceReply succeeded(
      BatchRunSummary summary, long runNumber, String sparkApplicationId) {
    return new BatchServiceReply(
        0, "", summary.render(), summary, summary.metrics(), runNumber, sparkApplicationId);
  }

  static BatchServiceReply failed(int exitCode, String message) {
    return new BatchServiceReply(exitCode, message, "", null, Map.of(), 0, "");
  }
}
