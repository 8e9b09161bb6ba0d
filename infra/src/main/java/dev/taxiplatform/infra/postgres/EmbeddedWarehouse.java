package dev.taxiplatform.infra.postgres;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.config.ServerSettings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 on the configured address with the warehouse database, its login role and
 * optionally a read-only login role (for the dashboard). The cluster lives in its data directory
 * across restarts. Every connection over TCP authenticates with a password (SCRAM); the superuser's
 * password is the platform's own. Bound beyond the loopback address, it accepts password logins
 * from any address.
 */
public final class EmbeddedWarehouse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWarehouse.class);
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final String bindHost;
  private final int port;

  private EmbeddedWarehouse(EmbeddedPostgres postgres, String bindHost, int port) {
    this.postgres = postgres;
    this.bindHost = bindHost;
    this.port = port;
  }

  /**
   * Starts PostgreSQL, initialising the cluster on first start, and makes sure the warehouse
   * database and its login role exist with the given password.
   *
   * @param bindHost the address to listen on ({@code 0.0.0.0}: every interface)
   */
  public static EmbeddedWarehouse start(
      Path dataDir, String bindHost, int port, Credentials credentials) {
    requireNonNull(bindHost, "bindHost");
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
              .setServerConfig("listen_addresses", bindHost)
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
    EmbeddedWarehouse warehouse = new EmbeddedWarehouse(postgres, bindHost, port);
    try {
      warehouse.provision(clusterDir, credentials);
    } catch (SQLException | IOException e) {
      warehouse.close();
      throw new IllegalStateException("Cannot set up the warehouse database: " + e.getMessage(), e);
    }
    LOG.info("PostgreSQL listening on {}:{} (data in {})", bindHost, port, clusterDir);
    return warehouse;
  }

  /** The host clients on this machine connect to. */
  public String host() {
    return ServerSettings.localHostOf(bindHost);
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
      loginRole(connection, credentials.user(), credentials.password());
      // Scratch databases of its own: the SQL engine's benchmark runs its projects in them.
      statement.execute("ALTER ROLE %s CREATEDB".formatted(role));
      if (!exists(
          connection, "SELECT 1 FROM pg_database WHERE datname = ?", credentials.database())) {
        statement.execute(
            "CREATE DATABASE %s OWNER %s".formatted(identifier(credentials.database()), role));
      }
      if (credentials.reader().isPresent()) {
        Reader reader = credentials.reader().get();
        loginRole(connection, reader.user(), reader.password());
        statement.execute(
            "ALTER ROLE %s SET default_transaction_read_only = on"
                .formatted(identifier(reader.user())));
      }
      Files.writeString(clusterDir.resolve("pg_hba.conf"), hostBasedAuthentication(bindHost));
      statement.execute("SELECT pg_reload_conf()");
    }
    if (credentials.reader().isPresent()) {
      grantReading(credentials);
    }
  }

  private static void loginRole(Connection connection, String name, String password)
      throws SQLException {
    String verb =
        exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name) ? "ALTER" : "CREATE";
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "%s ROLE %s WITH LOGIN PASSWORD %s".formatted(verb, identifier(name), literal(password)));
    }
  }

  /**
   * Lets the read-only role read what the platform's role owns in the warehouse database: its
   * schemas and tables (views included) now, and through default privileges those it creates later
   * (the SQL models rebuild their tables on every run). Nothing else: no writes, no DDL.
   */
  private void grantReading(Credentials credentials) throws SQLException {
    String owner = identifier(credentials.user());
    String reader = identifier(credentials.reader().orElseThrow().user());
    try (Connection connection =
            postgres.getDatabase(SUPERUSER, credentials.database()).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "GRANT CONNECT ON DATABASE %s TO %s"
              .formatted(identifier(credentials.database()), reader));
      statement.execute(
          "ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT USAGE ON SCHEMAS TO %s"
              .formatted(owner, reader));
      statement.execute(
          "ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT SELECT ON TABLES TO %s"
              .formatted(owner, reader));
      for (String schema : schemasOwnedBy(connection, credentials.user())) {
        statement.execute("GRANT USAGE ON SCHEMA %s TO %s".formatted(identifier(schema), reader));
        statement.execute(
            "GRANT SELECT ON ALL TABLES IN SCHEMA %s TO %s".formatted(identifier(schema), reader));
      }
    }
  }

  private static List<String> schemasOwnedBy(Connection connection, String role)
      throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT nspname FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE"
                + " rolname = ?) ORDER BY nspname")) {
      statement.setString(1, role);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          schemas.add(result.getString(1));
        }
      }
    }
    return schemas;
  }

  /**
   * Local socket connections are trusted; every TCP connection needs its password. Loopback clients
   * only, unless the server listens beyond the loopback address: then clients from any address
   * (other containers, pods) log in with their password.
   */
  static String hostBasedAuthentication(String bindHost) {
    String loopback =
        """
        # Written by the platform at every start; edits are overwritten.
        # TYPE  DATABASE  USER  ADDRESS        METHOD
        local   all       all                  trust
        host    all       all   127.0.0.1/32   scram-sha-256
        host    all       all   ::1/128        scram-sha-256
        """;
    if (isLoopback(bindHost)) {
      return loopback;
    }
    return loopback
        + """
        host    all       all   0.0.0.0/0      scram-sha-256
        host    all       all   ::/0           scram-sha-256
        """;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
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
   * @param reader a read-only login role, if any
   */
  public record Credentials(
      String database,
      String user,
      String password,
      String superuserPassword,
      Optional<Reader> reader) {
    public Credentials {
      requireNonNull(database, "database");
      requireNonNull(user, "user");
      requireNonNull(password, "password");
      requireNonNull(superuserPassword, "superuserPassword");
      requireNonNull(reader, "reader");
      if (reader.isPresent() && reader.get().user().equals(user)) {
        throw new IllegalArgumentException(
            "The read-only role must differ from the warehouse login role " + user);
      }
    }

    @Override
    public String toString() {
      return "Credentials[database=%s, user=%s, reader=%s, ******]"
          .formatted(database, user, reader.map(Reader::user).orElse("none"));
    }
  }

  /**
   * A read-only login role: it may read every schema and table of the warehouse login role.
   *
   * @param user its name
   * @param password its password
   */
  public record Reader(String user, String password) {
    public Reader {
      requireNonNull(user, "user");
      requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Reader[user=%s, ******]".formatted(user);
    }
  }
}
