package dev.taxiplatform.orchestrator.demo;

import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.raw.RawLayout;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    return new SystemCounts(
        events(connections, config), rawObjects(connections, config), stagedRows(connections));
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
