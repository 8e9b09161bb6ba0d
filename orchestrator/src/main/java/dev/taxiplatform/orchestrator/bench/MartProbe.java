package dev.taxiplatform.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which rides a dashboard user could see: those in {@code public_marts.fact_rides}, the ride-level
 * mart every daily mart is built from, looked up by id (one query per probe).
 */
final class MartProbe {
  static final String QUERY = "select ride_id from public_marts.fact_rides where ride_id = any(?)";
  private static final String UNDEFINED_TABLE = "42P01";

  private final Connection connection;

  MartProbe(Connection connection) {
    this.connection = requireNonNull(connection, "connection");
  }

  /** The rides among {@code rideIds} in the mart now; none before the mart is first built. */
  Set<String> visible(Collection<String> rideIds) throws SQLException {
    Set<String> found = new HashSet<>();
    if (rideIds.isEmpty()) {
      return found;
    }
    Array ids = connection.createArrayOf("text", rideIds.toArray());
    try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
      statement.setArray(1, ids);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        return found;
      }
      throw e;
    } finally {
      ids.free();
    }
    return found;
  }
}
