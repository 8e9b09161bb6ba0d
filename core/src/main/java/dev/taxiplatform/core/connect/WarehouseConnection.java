package dev.taxiplatform.core.connect;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * How to reach the warehouse database.
 *
 * @param host the server's host
 * @param port the server's port
 * @param database the database
 * @param user the login role
 * @param password the role's password
 */
public record WarehouseConnection(
    String host, int port, String database, String user, String password) {
  public WarehouseConnection {
    requireNonNull(host, "host");
    requireNonNull(database, "database");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
  }

  /** The JDBC URL, without credentials. */
  public String jdbcUrl() {
    return "jdbc:postgresql://%s:%d/%s".formatted(host, port, database);
  }

  /** Opens a connection; the caller closes it. */
  public Connection open() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), properties(10));
  }

  /**
   * Opens a connection whose log-in and every read fail after {@code timeout} (a hung server fails
   * the call instead of hanging it): for health checks. The caller closes it.
   */
  public Connection open(Duration timeout) throws SQLException {
    int seconds = (int) Math.max(1, timeout.toSeconds());
    Properties properties = properties(seconds);
    properties.setProperty("loginTimeout", Integer.toString(seconds));
    properties.setProperty("socketTimeout", Integer.toString(seconds));
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  private Properties properties(int connectTimeoutSeconds) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
    properties.setProperty("ApplicationName", "taxi-platform");
    return properties;
  }

  @Override
  public String toString() {
    return "WarehouseConnection[%s, user=%s, password=******]".formatted(jdbcUrl(), user);
  }
}
