package dev.taxiplatform.batch;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Defines the job's own SQL functions of one argument in a Spark session ({@link CentsFunctions},
 * {@link IsoTimestampFunction}): each is an expression Spark compiles into its generated code, not
 * a user-defined function called per row.
 */
final class JobSqlFunctions {
  private JobSqlFunctions() {}

  /** Defines every job function in {@code spark}'s session. */
  static void register(SparkSession spark) {
    CentsFunctions.register(spark);
    IsoTimestampFunction.register(spark);
  }

  /** Defines {@code name(argument)} in {@code spark}'s session as the expression {@code body}. */
  static void define(SparkSession spark, String name, UnaryOperator<Expression> body) {
    FunctionRegistry registry =
        ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().functionRegistry();
    registry.createOrReplaceTempFunction(
        name,
        arguments -> {
          if (arguments.size() != 1) {
            throw new IllegalArgumentException(
                "%s() takes one argument, not %d".formatted(name, arguments.size()));
          }
          return body.apply(arguments.head());
        },
        "built-in");
  }

  /** {@code values} as a Scala sequence, for Catalyst's constructors. */
  static <T> Seq<T> seq(List<T> values) {
    return CollectionConverters.asScala(values).toSeq();
  }
}
