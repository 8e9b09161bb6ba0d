package dev.taxiplatform.dashboard.data;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Why a query failed, as the dashboard tells the user. */
public enum WarehouseFailure {
  /** No connection: the server is down, unreachable, refusing us, or out of connections. */
  UNREACHABLE,
  /** The marts (or their schema) do not exist: the SQL models have not been built. */
  MARTS_ABSENT,
  /** Anything else: a bug or a broken mart. */
  OTHER;

  /** Classifies {@code e} by its SQLSTATE (and the pool's "no connection available"). */
  public static WarehouseFailure of(SQLException e) {
    if (e instanceof SQLTransientConnectionException) {
      return UNREACHABLE;
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("08") // connection exception
        || state.startsWith("28") // invalid authorization
        || state.startsWith("57P") // server shutting down, cannot connect now
        || state.equals("53300") // too many connections
        || state.equals("3D000")) { // the database does not exist
      return UNREACHABLE;
    }
    if (state.equals("42P01") || state.equals("3F000")) { // undefined table, undefined schema
      return MARTS_ABSENT;
    }
    return OTHER;
  }

  static boolean isPermissionDenied(SQLException e) {
    return "42501".equals(e.getSQLState());
  }
}
