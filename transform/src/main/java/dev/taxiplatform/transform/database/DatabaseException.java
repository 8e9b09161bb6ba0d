package dev.taxiplatform.transform.database;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A statement failed in the database. The message gives the database's own message and, when the
 * database reports a position, the failing line of SQL with a marker under the position.
 */
public final class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  private DatabaseException(String message, String sqlState, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** Wraps a failure of {@code sql}. */
  public static DatabaseException of(SQLException e, String sql) {
    StringBuilder message = new StringBuilder("Database Error\n");
    String serverMessage = e.getMessage();
    int position = 0;
    if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      serverMessage = server.getMessage();
      position = server.getPosition();
      if (server.getDetail() != null) {
        serverMessage += "\nDETAIL: " + server.getDetail();
      }
      if (server.getHint() != null) {
        serverMessage += "\nHINT: " + server.getHint();
      }
    }
    message.append(serverMessage);
    if (position > 0 && sql != null && position <= sql.length() + 1) {
      message.append(pointAt(sql, position));
    }
    return new DatabaseException(message.toString(), e.getSQLState(), e);
  }

  /** The SQLSTATE code (e.g. 08001 when the server cannot be reached). */
  public String sqlState() {
    return sqlState;
  }

  /** Whether the failure is that the database cannot be reached. */
  public boolean isConnectionFailure() {
    return sqlState != null && sqlState.startsWith("08");
  }

  private static String pointAt(String sql, int position) {
    int offset = position - 1;
    int lineStart = sql.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
    if (offset < lineStart) {
      lineStart = 0;
    }
    int lineEnd = sql.indexOf('\n', offset);
    if (lineEnd < 0) {
      lineEnd = sql.length();
    }
    int lineNumber = 1;
    for (int i = 0; i < lineStart; i++) {
      if (sql.charAt(i) == '\n') {
        lineNumber++;
      }
    }
    String line = sql.substring(lineStart, lineEnd);
    String prefix = "LINE %d: ".formatted(lineNumber);
    return "\n" + prefix + line + "\n" + " ".repeat(prefix.length() + offset - lineStart) + "^";
  }
}
