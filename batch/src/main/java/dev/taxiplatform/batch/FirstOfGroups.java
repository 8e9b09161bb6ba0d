package dev.taxiplatform.batch;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.RowNumber;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.plans.logical.WindowGroupLimit;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The first row of each group of a data set in an order: what {@code row_number() OVER (PARTITION
 * BY groups ORDER BY order) = 1} keeps, planned as Spark's group limit alone.
 *
 * <p>For that filter Spark plans the group limit (which already keeps the first row of each group
 * of the sorted rows) and, above it, the window itself, which buffers every row, numbers it and
 * copies it again into a row of its own with the number, only for the filter to drop the number.
 * The group limit alone keeps the same rows.
 */
final class FirstOfGroups {
  private FirstOfGroups() {}

  /**
   * The first row of each group of {@code rows} with equal {@code groups}, in {@code order} (sort
   * orders, e.g. {@code col("x").asc_nulls_last()}); among rows equal in both, any one.
   */
  static Dataset<Row> of(Dataset<Row> rows, Column[] groups, Column[] order) {
    org.apache.spark.sql.classic.Dataset<Row> classic =
        (org.apache.spark.sql.classic.Dataset<Row>) rows;
    org.apache.spark.sql.classic.SparkSession spark = classic.sparkSession();
    Seq<Expression> groupExpressions =
        seq(Arrays.stream(groups).map(spark::expression).toArray(Expression[]::new));
    Seq<SortOrder> orderExpressions =
        seq(
            Arrays.stream(order)
                .map(c -> (SortOrder) spark.expression(c))
                .toArray(SortOrder[]::new));
    WindowGroupLimit firstRows =
        new WindowGroupLimit(
            groupExpressions, orderExpressions, new RowNumber(), 1, classic.logicalPlan());
    return org.apache.spark.sql.classic.Dataset.ofRows(spark, firstRows);
  }

  private static <T> Seq<T> seq(T[] values) {
    return CollectionConverters.asScala(Arrays.asList(values)).toSeq();
  }
}
