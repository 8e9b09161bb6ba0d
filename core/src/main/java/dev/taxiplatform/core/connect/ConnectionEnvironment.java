package dev.taxiplatform.core.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connections as the environment variables the platform's components (and familiar tools: the AWS
 * CLI, psql) read. A process given these variables connects to the same servers, through the same
 * code path as with any external server.
 */
public final class ConnectionEnvironment {
  private ConnectionEnvironment() {}

  public static Map<String, String> kafka(KafkaConnection kafka) {
    return Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
  }

  public static Map<String, String> s3(S3Connection s3) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("S3_ENDPOINT", s3.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
    env.put("AWS_REGION", s3.region());
    env.put("AWS_DEFAULT_REGION", s3.region());
    return env;
  }

  public static Map<String, String> warehouse(WarehouseConnection warehouse) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WAREHOUSE_HOST", warehouse.host());
    env.put("WAREHOUSE_PORT", Integer.toString(warehouse.port()));
    env.put("WAREHOUSE_DB", warehouse.database());
    env.put("WAREHOUSE_USER", warehouse.user());
    env.put("WAREHOUSE_PASSWORD", warehouse.password());
    env.put("PGHOST", warehouse.host());
    env.put("PGPORT", Integer.toString(warehouse.port()));
    env.put("PGDATABASE", warehouse.database());
    env.put("PGUSER", warehouse.user());
    env.put("PGPASSWORD", warehouse.password());
    return env;
  }

  /** The warehouse's read-only login, as the dashboard reads it. */
  public static Map<String, String> warehouseReader(WarehouseConnection reader) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DASHBOARD_USER", reader.user());
    env.put("DASHBOARD_PASSWORD", reader.password());
    return env;
  }

  /** All three connections, and the warehouse's read-only login when known. */
  public static Map<String, String> all(Connections connections) {
    Map<String, String> env = new LinkedHashMap<>();
    env.putAll(kafka(connections.kafka()));
    env.putAll(s3(connections.s3()));
    env.putAll(warehouse(connections.warehouse()));
    connections.warehouseReader().ifPresent(reader -> env.putAll(warehouseReader(reader)));
    return env;
  }
}
