package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enrichment types amounts on whole cents ({@link RideEnrichment#amountSql}) instead of Spark's
 * cast of each double through its decimal string: the result must be the cast's for every double,
 * at half cents and beside them above all.
 */
class AmountCastTest {
  private static TestSpark spark;

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.start("amount-cast");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void typingOnWholeCentsGivesTheCastsValueForEveryDouble() {
    List<Double> values = new ArrayList<>();
    for (int thousandths = 0; thousandths <= 300_000; thousandths++) {
      double x = thousandths / 1000.0;
      values.add(x);
      values.add(-x);
      if (thousandths % 10 == 5) {
        values.add(Math.nextUp(x));
        values.add(Math.nextDown(x));
      }
    }
    Random random = new Random(20261207);
    for (int i = 0; i < 100_000; i++) {
      values.add(random.nextDouble() * 10_000);
      values.add(Math.round(random.nextDouble() * 1e9) / 1000.0);
    }
    values.addAll(List.of(1.005, 2.675, 1.115, 0.285, 999_999.994, 999_999.985, 1e-300, -0.0));

    Dataset<Row> amounts = amounts(values);
    long differing =
        amounts
            // amountSql names its result after its column: x is the typed amount from here on.
            .selectExpr(RideEnrichment.amountSql("x", 10), "CAST(x AS DECIMAL(10,2)) AS expected")
            .where("x IS DISTINCT FROM expected")
            .count();

    assertThat(amounts.count()).isEqualTo(values.size());
    assertThat(differing).as("amounts typed unlike the cast").isZero();
  }

  @Test
  void anAmountTooLargeForItsTypeFailsAsTheCastDoes() {
    Dataset<Row> amounts = amounts(List.of(1_000_000.5));

    assertThatThrownBy(() -> amounts.selectExpr(RideEnrichment.amountSql("x", 8)).collectAsList())
        .hasMessageContaining("DECIMAL(8,2)");
  }

  private static Dataset<Row> amounts(List<Double> values) {
    StructType schema = new StructType().add("x", DataTypes.DoubleType, false);
    return spark
        .spark()
        .createDataFrame(values.stream().map(v -> RowFactory.create(v)).toList(), schema);
  }
}
