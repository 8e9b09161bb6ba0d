package dev.taxiplatform.infra.server;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.config.ServerSettings;
import dev.taxiplatform.infra.postgres.EmbeddedWarehouse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code platform server postgres}. Passwords come from the environment, never the command line.
 */
@Command(
    name = "postgres",
    mixinStandardHelpOptions = true,
    description = {
      "Run PostgreSQL 17 on server.bind-host (default 127.0.0.1) with the warehouse database, its"
          + " login role and a read-only login role. Bound beyond 127.0.0.1, it accepts password"
          + " logins from any address.",
      "Passwords are read from WAREHOUSE_PASSWORD, "
          + PostgresServerCommand.READER_PASSWORD
          + " and "
          + PostgresServerCommand.SUPERUSER_PASSWORD
          + " (or from the files <VARIABLE>_FILE names)."
    })
final class PostgresServerCommand implements Callable<Integer> {
  static final String SUPERUSER_PASSWORD = "PLATFORM_POSTGRES_SUPERUSER_PASSWORD";
  static final String READER_PASSWORD = "WAREHOUSE_READER_PASSWORD";

  @Mixin private ConfigOptions configOptions;

  @Option(names = "--dir", required = true, description = "Directory of the cluster.")
  private Path dir;

  @Option(
      names = "--port",
      defaultValue = "5432",
      description = "Port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--database",
      defaultValue = "warehouse",
      description = "Database (default: ${DEFAULT-VALUE}).")
  private String database;

  @Option(
      names = "--user",
      defaultValue = "platform",
      description = "Login role (default: ${DEFAULT-VALUE}).")
  private String user;

  @Option(
      names = "--reader-user",
      defaultValue = "platform_reader",
      description = "Read-only login role (default: ${DEFAULT-VALUE}).")
  private String readerUser;

  @Override
  public Integer call() {
    ServerSettings server = configOptions.load().server();
    EmbeddedWarehouse.Credentials credentials =
        new EmbeddedWarehouse.Credentials(
            database,
            user,
            ServerEnvironment.require("WAREHOUSE_PASSWORD"),
            ServerEnvironment.require(SUPERUSER_PASSWORD),
            Optional.of(
                new EmbeddedWarehouse.Reader(
                    readerUser, ServerEnvironment.require(READER_PASSWORD))));
    return ForegroundServer.run(
        "postgres",
        server.shutdownTimeout(),
        () -> EmbeddedWarehouse.start(dir, server.bindHost(), port, credentials));
  }
}
