package dev.taxiplatform.transform.jinja;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.math.BigDecimal;
import java.util.Locale;

/** dbt's own filters: {@code as_text}, {@code as_bool}, {@code as_number}, {@code as_native}. */
final class DbtFilters {
  private DbtFilters() {}

  static void register(Context context) {
    context.registerFilter(filter("as_text", (value) -> value == null ? "" : value.toString()));
    context.registerFilter(filter("as_native", (value) -> value));
    context.registerFilter(
        filter(
            "as_bool",
            (value) -> {
              if (value instanceof Boolean) {
                return value;
              }
              String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
              return switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> value;
              };
            }));
    context.registerFilter(
        filter(
            "as_number",
            (value) -> {
              if (value instanceof Number) {
                return value;
              }
              try {
                BigDecimal number = new BigDecimal(String.valueOf(value).trim());
                return number.scale() <= 0 ? (Object) number.longValueExact() : number;
              } catch (NumberFormatException | ArithmeticException e) {
                return value;
              }
            }));
  }

  private interface Conversion {
    Object apply(Object value);
  }

  private static Filter filter(String name, Conversion conversion) {
    return new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return conversion.apply(var);
      }
    };
  }
}
