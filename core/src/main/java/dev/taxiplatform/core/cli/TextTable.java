package dev.taxiplatform.core.cli;

import java.util.List;

/** Left-aligned text columns, as commands print tables; the first row is the header. */
public final class TextTable {
  private TextTable() {}

  public static String render(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      text.append("  ");
      for (int i = 0; i < columns; i++) {
        String cell = row[i];
        text.append(cell);
        if (i < columns - 1) {
          text.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      text.append(System.lineSeparator());
    }
    return text.toString();
  }
}
