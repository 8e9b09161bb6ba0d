package dev.taxiplatform.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link FirstOfGroups}: the rows a {@code row_number() = 1} filter keeps, planned without the
 * window.
 */
class FirstOfGroupsTest {
  private static final Column[] GROUPS = {col("g"), col("d")};
  private static final Column[] ORDER = {col("o").asc_nulls_last(), col("p").asc_nulls_last()};

  private static TestSpark spark;

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.start("first-of-groups");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void keepsTheFirstRowOfEachGroupInTheOrderAsTheWindowsFilterDoes() {
    Dataset<Row> rows =
        spark
            .spark()
            .sql(
                """
                SELECT * FROM VALUES
                  ('a', 1, 3, 'x', 'a1-third'), ('a', 1, 1, 'y', 'a1-first'),
                  ('a', 1, 2, 'x', 'a1-second'), ('a', 2, 9, 'x', 'a2-only'),
                  ('b', 1, 5, 'z', 'b1-tie-later'), ('b', 1, 5, 'y', 'b1-tie-first'),
                  ('c', 1, NULL, 'x', 'c1-null-last'), ('c', 1, 7, 'x', 'c1-first')
                AS rows(g, d, o, p, label)
                """)
            .repartition(3, col("g"), col("d"));

    Dataset<Row> first = FirstOfGroups.of(rows, GROUPS, ORDER);
    Dataset<Row> numbered =
        rows.withColumn("copy", row_number().over(Window.partitionBy(GROUPS).orderBy(ORDER)))
            .where("copy = 1")
            .drop("copy");

    List<String> expected = List.of("a1-first", "a2-only", "b1-tie-first", "c1-first");
    assertThat(labels(first)).containsExactlyElementsOf(expected);
    assertThat(labels(numbered)).containsExactlyElementsOf(expected);
    assertThat(first.columns()).containsExactly("g", "d", "o", "p", "label");
    assertThat(first.queryExecution().executedPlan().toString())
        .contains("WindowGroupLimit")
        .doesNotContain("Window [");
    assertThat(numbered.queryExecution().executedPlan().toString())
        .as("the filter over the window, as Spark plans it")
        .contains("Window [");
  }

  private static List<String> labels(Dataset<Row> rows) {
    return rows.select("label").collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }
}
