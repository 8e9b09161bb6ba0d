package dev.taxiplatform.transform.seed;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Infers a seed column's PostgreSQL type from its values, as dbt does with agate: booleans ({@code
 * true}/{@code false}), whole numbers ({@code integer}, {@code bigint} beyond its range), decimals
 * ({@code numeric}), dates ({@code date}), date-times ({@code timestamp without time zone}),
 * otherwise {@code text}. Empty values are nulls and do not count; an all-empty column is text.
 */
public final class SeedTypes {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

  private SeedTypes() {}

  /** The type of a column holding {@code values}. */
  public static String infer(List<String> values) {
    boolean any = false;
    boolean bool = true;
    boolean integer = true;
    boolean bigint = false;
    boolean decimal = true;
    boolean date = true;
    boolean timestamp = true;
    for (String raw : values) {
      if (raw == null || raw.isEmpty()) {
        continue;
      }
      any = true;
      String value = raw.strip();
      String lower = value.toLowerCase(Locale.ROOT);
      bool &= lower.equals("true") || lower.equals("false");
      boolean isInteger = INTEGER.matcher(value).matches();
      integer &= isInteger;
      if (isInteger && !fitsInt(value)) {
        bigint = true;
      }
      decimal &= DECIMAL.matcher(value).matches();
      date &= DATE.matcher(value).matches();
      timestamp &= TIMESTAMP.matcher(value).matches();
    }
    if (!any) {
      return "text";
    }
    if (bool) {
      return "boolean";
    }
    if (integer) {
      return bigint ? "bigint" : "integer";
    }
    if (decimal) {
      return "numeric";
    }
    if (date) {
      return "date";
    }
    if (timestamp) {
      return "timestamp without time zone";
    }
    return "text";
  }

  private static boolean fitsInt(String value) {
    try {
      Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
