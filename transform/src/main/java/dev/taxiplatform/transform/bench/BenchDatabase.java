package dev.taxiplatform.transform.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A database of the PostgreSQL server the benchmark runs on.
 *
 * @param host the host
 * @param port the port
 * @param name the database
 * @param user the login
 * @param password its password
 */
public record BenchDatabase(String host, int port, String name, String user, String password) {
  public BenchDatabase {
    requireNonNull(host, "host");
    requireNonNull(name, "name");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
  }

  /** The same server's database {@code other}. */
  BenchDatabase other(String other) {
    return new BenchDatabase(host, port, other, user, password);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://%s:%d/%s".formatted(host, port, name), user, password);
  }

  /** Runs statements (several, separated by semicolons, are sent as one batch). */
  void execute(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + "\n" + sql, e);
    }
  }

  /** The environment the platform's {@code dbt/} project's profile reads. */
  Map<String, String> warehouseEnvironment() {
    return Map.of(
        "WAREHOUSE_HOST", host,
        "WAREHOUSE_PORT", Integer.toString(port),
        "WAREHOUSE_DB", name,
        "WAREHOUSE_USER", user,
        "WAREHOUSE_PASSWORD", password);
  }

  /** Writes a {@code profiles.yml} for this database into {@code dir}. */
  public void writeProfile(Path dir, String profile, String schema, int threads) {
    String yaml =
        """
        %s:
          target: dev
          outputs:
            dev:
              type: postgres
              host: %s
              port: %d
              user: %s
              password: "%s"
              dbname: %s
              schema: %s
              threads: %d
        """
            .formatted(
                profile, host, port, user, password.replace("\"", "\\\""), name, schema, threads);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("profiles.yml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
