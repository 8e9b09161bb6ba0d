package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.connect.ConnectionEnvironment;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.connect.WarehouseConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stack's servers are, embedded or external.
 *
 * @param kafka the broker(s)
 * @param s3 the S3 service
 * @param warehouse the warehouse database
 * @param warehouseReader the warehouse's read-only login, when known
 */
record StackEndpoints(
    KafkaConnection kafka,
    S3Connection s3,
    WarehouseConnection warehouse,
    Optional<WarehouseConnection> warehouseReader) {
  StackEndpoints {
    requireNonNull(kafka, "kafka");
    requireNonNull(s3, "s3");
    requireNonNull(warehouse, "warehouse");
    requireNonNull(warehouseReader, "warehouseReader");
  }

  /** The environment that points a component at these servers. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.putAll(ConnectionEnvironment.kafka(kafka));
    env.putAll(ConnectionEnvironment.s3(s3));
    env.putAll(ConnectionEnvironment.warehouse(warehouse));
    warehouseReader.ifPresent(reader -> env.putAll(ConnectionEnvironment.warehouseReader(reader)));
    return env;
  }
}
