package dev.taxiplatform.batch;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import scala.Option;
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

  /**
   * A call of the public static method {@code owner.method(argument)} returning {@code type}, null
   * for a null argument: Spark's generated code calls it directly.
   */
  static Expression staticCall(
      Class<?> owner,
      String method,
      DataType type,
      AbstractDataType argumentType,
      Expression argument) {
    return new StaticInvoke(
        owner,
        type,
        method,
        seq(List.of(argument)),
        seq(List.of(argumentType)),
        true,
        false,
        true,
        Option.empty());
  }

  /** {@code values} as a Scala sequence, for Catalyst's constructors. */
  static <T> Seq<T> seq(List<T> values) {
    return CollectionConverters.asScala(values).toSeq();
  }
}
