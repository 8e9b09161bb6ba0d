package dev.taxiplatform.transform.compile;

import java.util.Locale;

/** Small facts about SQL text that compiling needs. */
public final class SqlText {
  private SqlText() {}

  /** The offset of the first token after whitespace and comments. */
  public static int firstToken(String sql) {
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        return i;
      }
    }
    return i;
  }

  /** Whether the statement starts with {@code WITH}. */
  public static boolean startsWithWith(String sql) {
    int start = firstToken(sql);
    return sql.length() >= start + 4
        && sql.substring(start, start + 4).toLowerCase(Locale.ROOT).equals("with")
        && (sql.length() == start + 4 || !Character.isLetterOrDigit(sql.charAt(start + 4)));
  }

  /** The SQL without a trailing semicolon (so it can be wrapped). */
  public static String withoutTrailingSemicolon(String sql) {
    String stripped = sql.stripTrailing();
    while (stripped.endsWith(";")) {
      stripped = stripped.substring(0, stripped.length() - 1).stripTrailing();
    }
    return stripped;
  }
}
