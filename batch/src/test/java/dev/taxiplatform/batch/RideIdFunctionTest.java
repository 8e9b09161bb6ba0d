package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.ride.RideIdRule;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code allowed_ride_id(ride_id)} ({@link RideIdFunction}) in Spark SQL: {@link RideIdRule}. */
class RideIdFunctionTest {
  private static final List<String> IDS =
      List.of(
          "ride-000123",
          "!",
          "~",
          "a".repeat(64),
          "a".repeat(65),
          "",
          "ride 1",
          "ride\t1",
          "ride-1\n",
          "ride\u00001",
          "ride-é",
          "ride-\u007f",
          "ride-😀");

  private static TestSpark spark;

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.start("ride-id-function");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void allowsExactlyTheIdsTheRuleAllows() {
    StructType schema = new StructType().add("ride_id", DataTypes.StringType);
    List<Row> rows = IDS.stream().map(id -> RowFactory.create(id)).toList();
    Map<String, Boolean> allowed = new TreeMap<>();
    spark
        .spark()
        .createDataFrame(rows, schema)
        .selectExpr("ride_id", RideIdFunction.NAME + "(ride_id)")
        .collectAsList()
        .forEach(r -> allowed.put(r.getString(0), r.getBoolean(1)));

    assertThat(allowed).hasSize(IDS.size());
    assertThat(allowed)
        .allSatisfy((id, ok) -> assertThat(ok).as(id).isEqualTo(RideIdRule.allows(id)));
    assertThat(allowed.values().stream().filter(ok -> ok).count())
        .as("the three allowed ids and the longest")
        .isEqualTo(4);
    assertThat(
            spark
                .spark()
                .sql("SELECT " + RideIdFunction.NAME + "(CAST(NULL AS STRING))")
                .first()
                .isNullAt(0))
        .isTrue();
  }
}
