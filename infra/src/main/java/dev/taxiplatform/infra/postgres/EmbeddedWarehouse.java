package dev.taxiplatform.infra.postgres;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 on 127.0.0.1 with the warehouse database and its login role. The cluster lives in
 * its data directory across restarts. Every connection over TCP authenticates with a password
 * (SCRAM); the superuser's password is the platform's own.
 */
public final class EmbeddedWarehouse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWarehouse.class);
  private static final String HOST = "127.0.0.1";
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final int port;

  private EmbeddedWarehouse(EmbeddedPostgres postgres, int port) {
    this.postgres = postgres;
    this.port = port;
  }

  /**
   * Starts PostgreSQL, initialising the cluster on first start, and makes sure the warehouse
   * database and its login role exist with the given password.
   */
  public static EmbeddedWarehouse start(Path dataDir, int port, Credentials credentials) {
    requireNonNull(credentials, "credentials");
    Path clusterDir = dataDir.resolve("cluster");
    StalePostmaster.stopIfRunning(clusterDir);
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(dataDir);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(clusterDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("listen_addresses", HOST)
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", "256MB")
              .setServerConfig("max_wal_size", "2GB")
              // Durable commits: the loader's exactly-once bookkeeping relies on them.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setConnectConfig("password", credentials.superuserPassword())
              .setPGStartupWait(Duration.ofSeconds(60))
              .setOutputRedirector(java.lang.ProcessBuilder.Redirect.INHERIT)
              .setErrorRedirector(java.lang.ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL in " + clusterDir, e);
    }
    EmbeddedWarehouse warehouse = new EmbeddedWarehouse(postgres, port);
    try {
      warehouse.provision(clusterDir, credentials);
    } catch (SQLException | IOException e) {
      warehouse.close();
      throw new IllegalStateException("Cannot set up the warehouse database: " + e.getMessage(), e);
    }
    LOG.info("PostgreSQL listening on {}:{} (data in {})", HOST, port, clusterDir);
    return warehouse;
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop PostgreSQL", e);
    }
  }

  private void provision(Path clusterDir, Credentials credentials)
      throws SQLException, IOException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "ALTER ROLE %s PASSWORD %s"
              .formatted(identifier(SUPERUSER), literal(credentials.superuserPassword())));
      String role = identifier(credentials.user());
      String password = literal(credentials.password());
      if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", credentials.user())) {
        statement.execute("ALTER ROLE %s WITH LOGIN PASSWORD %s".formatted(role, password));
      } else {
        statement.execute("CREATE ROLE %s WITH LOGIN PASSWORD %s".formatted(role, password));
      }
      if (!exists(
          connection, "SELECT 1 FROM pg_database WHERE datname = ?", credentials.database())) {
        statement.execute(
            "CREATE DATABASE %s OWNER %s".formatted(identifier(credentials.database()), role));
      }
      Files.writeString(clusterDir.resolve("pg_hba.conf"), hostBasedAuthentication());
      statement.execute("SELECT pg_reload_conf()");
    }
  }

  /** Local socket connections are trusted; every TCP connection needs its password. */
  private static String hostBasedAuthentication() {
    return """
        # Written by the platform at every start; edits are overwritten.
        # TYPE  DATABASE  USER  ADDRESS        METHOD
        local   all       all                  trust
        host    all       all   127.0.0.1/32   scram-sha-256
        host    all       all   ::1/128        scram-sha-256
        """;
  }

  private static boolean exists(Connection connection, String query, String value)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, value);
      try (ResultSet result = statement.executeQuery()) {
        return result.next();
      }
    }
  }

  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * Who may connect.
   *
   * @param database the warehouse database
   * @param user the warehouse login role
   * @param password its password
   * @param superuserPassword the password of the {@code postgres} superuser
   */
  public record Credentials(
      String database, String user, String password, String superuserPassword) {
    public Credentials {
      requireNonNull(database, "database");
      requireNonNull(user, "user");
      requireNonNull(password, "password");
      requireNonNull(superuserPassword, "superuserPassword");
    }

    @Override
    public String toString() {
      return "Credentials[database=%s, user=%s, ******]".formatted(database, user);
    }
  }
}
