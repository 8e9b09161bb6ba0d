package dev.taxiplatform.core.connect;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("ApplicationName", "taxi-platform");
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  @Override
  public String toString() {
    return "WarehouseConnection[%s, user=%s, password=******]".formatted(jdbcUrl(), user);
  }
}
