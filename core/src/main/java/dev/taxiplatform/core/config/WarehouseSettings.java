package dev.taxiplatform.core.config;

import java.util.List;
import java.util.Optional;

/**
 * Warehouse (PostgreSQL) settings. Without {@code host} the platform runs its own embedded
 * PostgreSQL.
 *
 * @param host an existing PostgreSQL server to use instead of the embedded one
 * @param port the server's port (the embedded server listens here, or the next free port)
 * @param database the warehouse database
 * @param user the login role the platform uses
 * @param password that role's password (generated for the embedded server when unset)
 */
public record WarehouseSettings(
    Optional<String> host, int port, String database, String user, Optional<String> password) {
  public static final ConfigKey<String> HOST =
      ConfigKey.builder("warehouse.host", ValueTypes.text())
          .env("WAREHOUSE_HOST")
          .description("Existing PostgreSQL server to use; unset runs the embedded PostgreSQL.")
          .build();

  public static final ConfigKey<Integer> PORT =
      ConfigKey.builder("warehouse.port", ValueTypes.port())
          .env("WAREHOUSE_PORT")
          .defaultValue(5432)
          .description("PostgreSQL port (embedded: the next free port if taken).")
          .build();

  public static final ConfigKey<String> DATABASE =
      ConfigKey.builder("warehouse.database", ValueTypes.text())
          .env("WAREHOUSE_DB")
          .defaultValue("warehouse")
          .description("Warehouse database name.")
          .build();

  public static final ConfigKey<String> USER =
      ConfigKey.builder("warehouse.user", ValueTypes.text())
          .env("WAREHOUSE_USER")
          .defaultValue("platform")
          .description("Login role the platform connects as.")
          .build();

  public static final ConfigKey<String> PASSWORD =
      ConfigKey.builder("warehouse.password", ValueTypes.text())
          .env("WAREHOUSE_PASSWORD")
          .secret()
          .description("Password of the login role; generated for the embedded server when unset.")
          .build();

  public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT, DATABASE, USER, PASSWORD);

  static WarehouseSettings from(PlatformConfig config) {
    return new WarehouseSettings(
        config.find(HOST),
        config.get(PORT),
        config.get(DATABASE),
        config.get(USER),
        config.find(PASSWORD));
  }

  /** True when the platform runs its own PostgreSQL rather than using an existing server. */
  public boolean embedded() {
    return host.isEmpty();
  }
}
