package dev.taxiplatform.transform.database;

import dev.taxiplatform.transform.project.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Connections to the target's PostgreSQL. Sessions are pooled: a closed session's connection is
 * kept for the next, so each worker thread reuses one connection.
 */
public final class Warehouse implements AutoCloseable {
  private final Target target;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

  public Warehouse(Target target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  public Target target() {
    return target;
  }

  /** A session; close it to return its connection. */
  public Session open() {
    Connection connection = idle.pollFirst();
    if (connection == null) {
      connection = connect();
    }
    Connection borrowed = connection;
    return new Session(borrowed, () -> idle.addFirst(borrowed));
  }

  private Connection connect() {
    Properties properties = new Properties();
    properties.setProperty("user", target.user());
    properties.setProperty("password", target.password());
    try {
      Connection connection = DriverManager.getConnection(target.jdbcUrl(), properties);
      connection.setAutoCommit(true);
      return connection;
    } catch (SQLException e) {
      throw DatabaseException.of(e, null);
    }
  }

  @Override
  public void close() {
    Connection connection;
    while ((connection = idle.pollFirst()) != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing: nothing to do
      }
    }
  }
}
