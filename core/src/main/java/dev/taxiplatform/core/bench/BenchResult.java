package dev.taxiplatform.core.bench;

import static java.util.Objects.requireNonNull;

/**
 * One benchmark figure and the reference it is compared with, measured in the same run.
 *
 * @param metric what was measured
 * @param value its value
 * @param unit its unit, e.g. {@code rows/s}
 * @param referenceMetric what the reference measured
 * @param referenceValue the reference's value
 * @param ratio {@code value / referenceValue}
 */
public record BenchResult(
    String metric,
    double value,
    String unit,
    String referenceMetric,
    double referenceValue,
    double ratio) {
  public BenchResult {
    requireNonNull(metric, "metric");
    requireNonNull(unit, "unit");
    requireNonNull(referenceMetric, "referenceMetric");
  }

  /** A figure compared with its reference: the ratio is computed. */
  public static BenchResult of(
      String metric, double value, String unit, String referenceMetric, double referenceValue) {
    return new BenchResult(
        metric,
        value,
        unit,
        referenceMetric,
        referenceValue,
        referenceValue == 0 ? 0 : value / referenceValue);
  }
}
