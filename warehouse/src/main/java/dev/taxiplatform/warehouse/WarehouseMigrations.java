package dev.taxiplatform.warehouse;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.connect.WarehouseConnection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The warehouse's versioned schema migrations ({@code db/warehouse/V*.sql} on the classpath, with
 * the schema names as placeholders), applied with Flyway. Its history lives in {@code
 * platform.warehouse_schema_history}, so other components can keep migration histories of their own
 * in the same database.
 */
public final class WarehouseMigrations {
  /** The history table, in schema {@code platform}. */
  public static final String HISTORY_TABLE = "warehouse_schema_history";

  private final WarehouseConnection warehouse;
  private final WarehouseSchemas schemas;

  public WarehouseMigrations(WarehouseConnection warehouse, WarehouseSchemas schemas) {
    this.warehouse = requireNonNull(warehouse, "warehouse");
    this.schemas = requireNonNull(schemas, "schemas");
  }

  /**
   * Applies pending migrations.
   *
   * @return what was applied
   */
  public Result migrate() {
    Flyway flyway =
        Flyway.configure(WarehouseMigrations.class.getClassLoader())
            .dataSource(warehouse.jdbcUrl(), warehouse.user(), warehouse.password())
            .locations("classpath:db/warehouse")
            .schemas(schemas.platform())
            .defaultSchema(schemas.platform())
            .placeholders(schemas.placeholders())
            .createSchemas(true)
            // Other components keep tables in the same schema: start the history at version 0
            // when it is not empty yet has no history of ours.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .table(HISTORY_TABLE)
            .connectRetries(3)
            .loggers("slf4j")
            .load();
    MigrateResult result = flyway.migrate();
    // Flyway names a target version only when it applied something; otherwise ask for the current.
    String version = result.targetSchemaVersion;
    if (version == null) {
      MigrationInfo current = flyway.info().current();
      version =
          current == null || current.getVersion() == null
              ? "none"
              : current.getVersion().getVersion();
    }
    return new Result(result.migrationsExecuted, version);
  }

  /**
   * What a migration did.
   *
   * @param applied migrations applied now
   * @param version the schema version now ({@code none} when no migration exists)
   */
  public record Result(int applied, String version) {}
}
