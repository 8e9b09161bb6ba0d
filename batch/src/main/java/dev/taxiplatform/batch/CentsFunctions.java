package dev.taxiplatform.batch;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.MakeDecimal;
import org.apache.spark.sql.catalyst.expressions.UnscaledValue;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.LongType;

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
    JobSqlFunctions.define(spark, CENTS, CentsFunctions::cents);
    JobSqlFunctions.define(spark, FROM_CENTS, CentsFunctions::fromCents);
  }

  private static Expression cents(Expression amount) {
    if (!(amount.dataType() instanceof DecimalType type)
        || type.scale() != 2
        || type.precision() > 18) {
      throw new IllegalArgumentException(
          "cents() takes a DECIMAL with 2 decimals and at most 18 digits, not "
              + amount.dataType().sql());
    }
    return new UnscaledValue(amount);
  }

  private static Expression fromCents(Expression cents) {
    if (!(cents.dataType() instanceof LongType)) {
      throw new IllegalArgumentException(
          "from_cents() takes a BIGINT, not " + cents.dataType().sql());
    }
    return new MakeDecimal(cents, 18, 2, false);
  }
}
