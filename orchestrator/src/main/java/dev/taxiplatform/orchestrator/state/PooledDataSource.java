package dev.taxiplatform.orchestrator.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.taxiplatform.core.connect.WarehouseConnection;

/** A small connection pool to the warehouse database. */
public final class PooledDataSource {
  private PooledDataSource() {}

  public static HikariDataSource create(WarehouseConnection connection, String poolName, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(connection.jdbcUrl());
    config.setUsername(connection.user());
    config.setPassword(connection.password());
    config.setPoolName(poolName);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }
}
