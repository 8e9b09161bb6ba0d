package dev.taxiplatform.dashboard.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.taxiplatform.dashboard.data.Panel;
import dev.taxiplatform.dashboard.data.PanelData;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A panel's rows as CSV (RFC 4180: comma-separated, CRLF line ends, quoted when needed): a header
 * of the JSON field names, then one line per row with the JSON's values (decimals exact, null as an
 * empty field).
 */
final class PanelCsv {
  private static final PropertyNamingStrategies.NamingBase NAMING =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  String render(Panel panel, PanelData data) {
    RecordComponent[] components = panel.rowType().getRecordComponents();
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (RecordComponent component : components) {
      header.add(NAMING.translate(component.getName()));
    }
    line(csv, header);
    for (Record row : data.rows()) {
      List<String> values = new ArrayList<>();
      for (RecordComponent component : components) {
        values.add(text(value(component, row)));
      }
      line(csv, values);
    }
    return csv.toString();
  }

  private static Object value(RecordComponent component, Record row) {
    try {
      return component.getAccessor().invoke(row);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + component, e);
    }
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  private static void line(StringBuilder csv, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(quoted(values.get(i)));
    }
    csv.append("\r\n");
  }

  private static String quoted(String value) {
    boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
    return plain ? value : '"' + value.replace("\"", "\"\"") + '"';
  }
}
