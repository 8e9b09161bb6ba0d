package dev.taxiplatform.batch;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.MakeDecimal;
import org.apache.spark.sql.catalyst.expressions.UnscaledValue;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.LongType;
import scala.Function1;
import scala.collection.immutable.Seq;

/**
 * Two SQL functions over amounts in whole cents, which the job's enrichment uses (DuckDB gets the
 * same meaning from {@link DuckDbSparkFunctions}):
 *
 * <ul>
 *   <li>{@code cents(amount)}: a {@code DECIMAL} with 2 decimals (at most 18 digits) as its whole
 *       cents, a {@code BIGINT};
 *   <li>{@code from_cents(cents)}: whole cents (a {@code BIGINT}) as a {@code DECIMAL(18,2)}.
 * </ul>
 *
 * <p>Why: Spark multiplies, divides and casts doubles to decimals through a {@code BigDecimal} per
 * value (a double through its decimal string), which cost seconds of a 5M-row run. These are the
 * two expressions its optimizer itself uses to sum decimals in a long.
 */
final class CentsFunctions {
  private static final String CENTS = "cents";
  private static final String FROM_CENTS = "from_cents";

  private CentsFunctions() {}

  /** Defines both functions in {@code spark}'s session. */
  static void register(SparkSession spark) {
    FunctionRegistry registry =
        ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().functionRegistry();
    registry.createOrReplaceTempFunction(CENTS, cents(), "built-in");
    registry.createOrReplaceTempFunction(FROM_CENTS, fromCents(), "built-in");
  }

  private static Function1<Seq<Expression>, Expression> cents() {
    return arguments -> {
      Expression amount = only(CENTS, arguments);
      if (!(amount.dataType() instanceof DecimalType type)
          || type.scale() != 2
          || type.precision() > 18) {
        throw new IllegalArgumentException(
            "cents() takes a DECIMAL with 2 decimals and at most 18 digits, not "
                + amount.dataType().sql());
      }
      return new UnscaledValue(amount);
    };
  }

  private static Function1<Seq<Expression>, Expression> fromCents() {
    return arguments -> {
      Expression cents = only(FROM_CENTS, arguments);
      if (!(cents.dataType() instanceof LongType)) {
        throw new IllegalArgumentException(
            "from_cents() takes a BIGINT, not " + cents.dataType().sql());
      }
      return new MakeDecimal(cents, 18, 2, false);
    };
  }

  private static Expression only(String function, Seq<Expression> arguments) {
    if (arguments.size() != 1) {
      throw new IllegalArgumentException(
          "%s() takes one argument, not %d".formatted(function, arguments.size()));
    }
    return arguments.head();
  }
}
