package dev.taxiplatform.batch;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.CaseWhen;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ParseToTimestamp;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;
import scala.Tuple2;

/**
 * The job's SQL function {@code iso_timestamp(text)}: ISO-8601 text to a timestamp, null when it
 * does not parse, exactly as Spark's {@code try_to_timestamp(text)} (DuckDB gets the same meaning
 * from {@link DuckDbSparkFunctions}).
 *
 * <p>Why: text in the sink's shape, {@code yyyy-MM-ddTHH:mm:ss[.SSS|.SSSSSS]Z}, is read digit by
 * digit into its instant. Spark parses every value's zone {@code Z} anew (two regular expressions
 * and a zone lookup per value), a fifth of the CPU of reading and classifying the raw rows. Text of
 * any other shape, or whose date or time is out of range, goes to {@code try_to_timestamp} itself.
 * Public for the code Spark generates, which calls {@link #inSinkShape} and {@link #utcMicros}.
 */
public final class IsoTimestampFunction {
  /** The function's name in the job's SQL. */
  static final String NAME = "iso_timestamp";

  private static final int MICROS_PER_SECOND = 1_000_000;
  private static final int SECONDS_PER_DAY = 86_400;

  private IsoTimestampFunction() {}

  /** Defines the function in {@code spark}'s session. */
  static void register(SparkSession spark) {
    JobSqlFunctions.define(spark, NAME, IsoTimestampFunction::expression);
  }

  private static Expression expression(Expression text) {
    Expression parsed =
        new ParseToTimestamp(text, Option.empty(), DataTypes.TimestampType, Option.empty(), false);
    return new CaseWhen(
        JobSqlFunctions.seq(
            List.of(
                new Tuple2<>(
                    call("inSinkShape", DataTypes.BooleanType, text),
                    call("utcMicros", DataTypes.TimestampType, text)))),
        Option.apply(parsed));
  }

  /** A call of this class's static {@code method(text)}, which Spark's generated code makes. */
  private static Expression call(String method, DataType type, Expression text) {
    return new StaticInvoke(
        IsoTimestampFunction.class,
        type,
        method,
        JobSqlFunctions.seq(List.of(text)),
        JobSqlFunctions.seq(List.<AbstractDataType>of(DataTypes.StringType)),
        true,
        false,
        true,
        Option.empty());
  }

  /**
   * True when {@code text} is a valid UTC timestamp in the sink's shape: {@code
   * yyyy-MM-ddTHH:mm:ss}, no fraction or one of 3 or 6 digits, then {@code Z}; a real date, hour
   * 0-23, minute and second 0-59.
   */
  public static boolean inSinkShape(UTF8String text) {
    int length = text.numBytes();
    if (length != 20 && length != 24 && length != 27) {
      return false;
    }
    if (text.getByte(4) != '-'
        || text.getByte(7) != '-'
        || text.getByte(10) != 'T'
        || text.getByte(13) != ':'
        || text.getByte(16) != ':'
        || text.getByte(length - 1) != 'Z'
        || (length > 20 && text.getByte(19) != '.')) {
      return false;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int fraction = length > 20 ? digits(text, 20, length - 21) : 0;
    return year >= 0
        && month >= 1
        && month <= 12
        && day >= 1
        && day <= Month.of(month).length(Year.isLeap(year))
        && hour >= 0
        && hour <= 23
        && minute >= 0
        && minute <= 59
        && second >= 0
        && second <= 59
        && fraction >= 0;
  }

  /**
   * The instant of {@code text}, which {@link #inSinkShape} accepts, in microseconds since the
   * epoch (Spark's timestamp value).
   */
  public static long utcMicros(UTF8String text) {
    int length = text.numBytes();
    long days =
        LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)).toEpochDay();
    long seconds =
        days * SECONDS_PER_DAY
            + digits(text, 11, 2) * 3600L
            + digits(text, 14, 2) * 60L
            + digits(text, 17, 2);
    int fraction =
        length == 24 ? digits(text, 20, 3) * 1000 : length == 27 ? digits(text, 20, 6) : 0;
    return seconds * MICROS_PER_SECOND + fraction;
  }

  /** The decimal number of the {@code count} digits from {@code from}; -1 unless all are digits. */
  private static int digits(UTF8String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = text.getByte(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
