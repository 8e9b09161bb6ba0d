package dev.taxiplatform.transform.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test (or test class, for a {@code @BeforeAll} parameter) its own database in one
 * embedded PostgreSQL per test JVM, started on a free port with its data in a temporary directory,
 * and stopped when the JVM's tests are done.
 */
public final class PostgresExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Server server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent("server", k -> Server.start(), Server.class);
    String name =
        "t%d_%s"
            .formatted(
                server.counter.incrementAndGet(),
                context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT))
            .replaceAll("[^a-z0-9_]", "_");
    return server.createDatabase(name);
  }

  /** The server, closed by JUnit when the root context closes. */
  static final class Server implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final AtomicInteger counter = new AtomicInteger();

    private Server(EmbeddedPostgres postgres, Path dataDirectory) {
      this.postgres = postgres;
      this.dataDirectory = dataDirectory;
    }

    static Server start() {
      try {
        Path data = Files.createTempDirectory("transform-pg");
        EmbeddedPostgres postgres =
            EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        return new Server(postgres, data);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot start the embedded PostgreSQL (as root it needs `unshare`)", e);
      }
    }

    TestDatabase createDatabase(String name) {
      try (Connection connection = postgres.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("create database " + name);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return new TestDatabase("127.0.0.1", postgres.getPort(), name, "postgres");
    }

    @Override
    public void close() throws IOException {
      postgres.close();
      if (Files.exists(dataDirectory)) {
        try (var files = Files.walk(dataDirectory)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
