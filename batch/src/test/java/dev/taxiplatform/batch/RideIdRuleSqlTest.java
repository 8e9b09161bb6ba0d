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

/**
 * The {@code invalid_ride_id} rule's SQL ({@link RideRules}) in Spark: it fails exactly the ids
 * {@link RideIdRule} does not allow, among ids that are not blank (the rule before's).
 */
class RideIdRuleSqlTest {
  private static final List<String> IDS =
      List.of(
          "ride-000123",
          "!",
          "~",
          "a".repeat(64),
          "a".repeat(65),
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
    spark = TestSpark.start("ride-id-rule-sql");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void failsExactlyTheIdsTheRuleDoesNotAllow() {
    StructType schema = new StructType().add("ride_id", DataTypes.StringType);
    List<Row> rows = IDS.stream().map(id -> RowFactory.create(id)).toList();
    String failsWhen =
        RideRules.RULES.stream()
            .filter(r -> r.name().equals("invalid_ride_id"))
            .findFirst()
            .orElseThrow()
            .failsWhen();
    Map<String, Boolean> fails = new TreeMap<>();
    spark
        .spark()
        .createDataFrame(rows, schema)
        .selectExpr("ride_id", failsWhen)
        .collectAsList()
        .forEach(r -> fails.put(r.getString(0), r.getBoolean(1)));

    assertThat(fails).hasSize(IDS.size());
    assertThat(fails)
        .allSatisfy((id, failed) -> assertThat(failed).as(id).isEqualTo(!RideIdRule.allows(id)));
    assertThat(fails.get("ride-1\n"))
        .as("a final line break, which a pattern's $ lets by")
        .isTrue();
    assertThat(fails.values().stream().filter(failed -> !failed).count())
        .as("the three allowed ids and the longest")
        .isEqualTo(4);
  }
}
