package dev.taxiplatform.orchestrator.state;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's leader lock: a PostgreSQL session-level advisory lock, held on a connection of
 * its own that no pool shares (a pooled connection would go back to the pool still holding the
 * lock). Only one orchestrator schedules and runs tasks against a database; {@link #close()}
 * unlocks and closes the connection, and a holder that dies loses the lock with its session.
 */
public final class LeaderLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderLock.class);

  /** Key of the advisory lock held by the active orchestrator. */
  private static final long KEY = 0x7461786950_4C4541L;

  private static final Duration VALIDITY_CHECK = Duration.ofSeconds(5);

  private final Connection connection;

  private LeaderLock(Connection connection) {
    this.connection = requireNonNull(connection, "connection");
  }

  /** Opens a connection of its own, used for the lock alone. */
  @FunctionalInterface
  public interface ConnectionOpener {
    Connection open() throws SQLException;
  }

  /**
   * Takes the lock on a new connection.
   *
   * @return the lock, or empty when another orchestrator holds it (the connection is closed then)
   */
  public static Optional<LeaderLock> tryAcquire(ConnectionOpener opener) throws SQLException {
    Connection connection = opener.open();
    boolean acquired = false;
    try {
      connection.setAutoCommit(true);
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        statement.setLong(1, KEY);
        try (ResultSet result = statement.executeQuery()) {
          acquired = result.next() && result.getBoolean(1);
        }
      }
    } finally {
      if (!acquired) {
        connection.close();
      }
    }
    return acquired ? Optional.of(new LeaderLock(connection)) : Optional.empty();
  }

  /**
   * Whether the lock is still held: its session is alive. A session that ended (server restart,
   * connection lost) took the lock with it.
   */
  public boolean held() {
    try {
      return connection.isValid((int) VALIDITY_CHECK.toSeconds());
    } catch (SQLException e) {
      return false;
    }
  }

  /** Unlocks and closes the connection; the lock is gone either way. */
  @Override
  public void close() {
    try (connection) {
      if (!connection.isClosed()) {
        try (PreparedStatement statement =
            connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
          statement.setLong(1, KEY);
          statement.execute();
        }
      }
    } catch (SQLException e) {
      LOG.debug(
          "Unlocking the leader lock failed ({}); closing its session frees it", e.toString());
    }
  }
}
