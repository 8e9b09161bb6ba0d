package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules compare amounts and distances with half a cent instead of rounding each to cents: the
 * comparison must quarantine exactly the rows that rounding (Spark's, half up through the value's
 * decimal string) would, at the boundary and on either side of it.
 */
class CentThresholdTest {
  private static TestSpark spark;

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.start("cent-threshold");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void comparingWithHalfACentDecidesAsRoundingToCentsDoes() {
    List<Double> values =
        new ArrayList<>(
            List.of(
                Math.nextDown(0.005),
                0.005,
                Math.nextUp(0.005),
                0.0049999999999999,
                0.0,
                -0.0,
                -0.004,
                -0.005,
                -0.0051,
                Double.MIN_VALUE,
                0.01,
                1.005,
                2.675,
                -1e9,
                1e9,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
    for (int i = 0; i <= 2000; i++) {
      values.add(0.004 + i * 1e-6);
    }
    String rows =
        values.stream()
            .map(v -> "(CAST('%s' AS DOUBLE))".formatted(v))
            .collect(Collectors.joining(", "));

    List<Row> decisions =
        spark
            .spark()
            .sql(
                ("SELECT x, round(x, 2) <= 0, %s, round(x, 2) > 0, %s FROM VALUES %s AS amounts(x)")
                    .formatted(RideRules.atMostZeroCents("x"), RideRules.aboveZeroCents("x"), rows))
            .collectAsList();

    assertThat(decisions).hasSize(values.size());
    for (Row row : decisions) {
      double x = row.getDouble(0);
      assertThat(row.getBoolean(2)).as("at most 0.00: %s", x).isEqualTo(row.getBoolean(1));
      assertThat(row.getBoolean(4)).as("above 0.00: %s", x).isEqualTo(row.getBoolean(3));
      if (Double.isFinite(x)) {
        boolean atMostZero = BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).signum() <= 0;
        assertThat(row.getBoolean(2)).as("at most 0.00 in cents: %s", x).isEqualTo(atMostZero);
      }
    }
  }
}
