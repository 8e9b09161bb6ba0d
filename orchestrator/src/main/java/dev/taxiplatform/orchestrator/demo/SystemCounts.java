package dev.taxiplatform.orchestrator.demo;

import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.raw.RawLayout;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the systems hold right now: events ever published to the rides topic, raw objects in S3,
 * rides in the staging table.
 *
 * @param events the sum of the rides topic's end offsets
 * @param rawObjects raw ride objects in the raw bucket
 * @param stagedRows rows of {@code staging.stg_rides} (0 before it exists)
 */
record SystemCounts(long events, long rawObjects, long stagedRows) {
  static SystemCounts measure(Connections connections, PlatformConfig config) throws Exception {
    // Each count starts a client of its own (Kafka, S3, JDBC): together, their start-ups overlap.
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Long> events = pool.submit(() -> events(connections, config));
      Future<Long> rawObjects = pool.submit(() -> rawObjects(connections, config));
      Future<Long> stagedRows = pool.submit(() -> stagedRows(connections));
      return new SystemCounts(result(events), result(rawObjects), result(stagedRows));
    } finally {
      pool.shutdownNow();
    }
  }

  private static long result(Future<Long> count) throws Exception {
    try {
      return count.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static long events(Connections connections, PlatformConfig config) throws Exception {
    return connections.kafka().endOffsets(config.kafka().topic()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  private static long rawObjects(Connections connections, PlatformConfig config) {
    try (S3Client s3 = connections.s3().client()) {
      return s3
          .listObjectsV2Paginator(
              b ->
                  b.bucket(config.s3().rawBucket())
                      .prefix(RawLayout.topicPrefix(config.kafka().topic())))
          .contents()
          .stream()
          .count();
    }
  }

  private static long stagedRows(Connections connections) throws SQLException {
    try (Connection connection = connections.warehouse().open();
        Statement statement = connection.createStatement();
        ResultSet exists =
            statement.executeQuery("SELECT to_regclass('staging.stg_rides') IS NOT NULL")) {
      exists.next();
      if (!exists.getBoolean(1)) {
        return 0;
      }
    }
    try (Connection connection = connections.warehouse().open();
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT count(*) FROM staging.stg_rides")) {
      count.next();
      return count.getLong(1);
    }
  }
}
