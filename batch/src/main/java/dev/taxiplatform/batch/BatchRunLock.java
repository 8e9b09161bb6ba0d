package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.connect.WarehouseConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes batch runs on one processed bucket exclusive: a PostgreSQL session-level advisory lock in
 * the warehouse database, held on a connection of its own for the whole run. The server releases it
 * when that connection ends, so a killed run never leaves a stale lock behind.
 */
public final class BatchRunLock {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRunLock.class);

  /** The first half of the lock's key: batch runs; the second half is the bucket's hash. */
  private static final int BATCH_RUNS = 0x7478_6231;

  private final WarehouseConnection warehouse;

  public BatchRunLock(WarehouseConnection warehouse) {
    this.warehouse = requireNonNull(warehouse, "warehouse");
  }

  /**
   * Takes the lock of {@code processedBucket}, or fails at once (exit code 1) when another run
   * holds it.
   */
  public Held acquire(String processedBucket) {
    requireNonNull(processedBucket, "processedBucket");
    Connection connection;
    try {
      connection = warehouse.open();
    } catch (SQLException e) {
      throw PlatformException.unavailable(
          ("Cannot reach the warehouse database (%s), where batch runs take their lock: %s."
                  + " Start the stack (platform up) or point WAREHOUSE_HOST at the server.")
              .formatted(warehouse.jdbcUrl(), e.getMessage()),
          e);
    }
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
      statement.setInt(1, BATCH_RUNS);
      statement.setString(2, processedBucket);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        if (!result.getBoolean(1)) {
          closeQuietly(connection);
          throw new PlatformException(
              ExitCodes.FAILED,
              ("Another batch run on bucket %s is in progress, so this run did nothing. Let it"
                      + " finish and run again; nothing is lost, the next run processes what is"
                      + " new.")
                  .formatted(processedBucket));
        }
      }
    } catch (SQLException e) {
      closeQuietly(connection);
      throw PlatformException.unavailable(
          "Taking the batch lock in the warehouse database failed: " + e.getMessage(), e);
    }
    LOG.info("Batch lock of bucket {} taken", processedBucket);
    return new Held(connection, processedBucket);
  }

  /** The held lock; closing releases it. */
  public static final class Held implements AutoCloseable {
    private final Connection connection;
    private final String processedBucket;

    private Held(Connection connection, String processedBucket) {
      this.connection = connection;
      this.processedBucket = processedBucket;
    }

    /**
     * Fails when the lock's connection is gone (the server would have released the lock, and
     * another run may hold it now): called right before the run commits.
     */
    public void verify() {
      boolean valid;
      try {
        valid = connection.isValid(10);
      } catch (SQLException e) {
        valid = false;
      }
      if (!valid) {
        throw new PlatformException(
            ExitCodes.FAILED,
            ("The connection holding the batch lock of bucket %s was lost before the commit, so"
                    + " this run did not commit; run it again.")
                .formatted(processedBucket));
      }
    }

    @Override
    public void close() {
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
        statement.setInt(1, BATCH_RUNS);
        statement.setString(2, processedBucket);
        statement.execute();
      } catch (SQLException e) {
        LOG.warn(
            "Releasing the batch lock failed ({}); closing its connection releases it",
            e.getMessage());
      } finally {
        closeQuietly(connection);
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("Closing the lock connection failed", e);
    }
  }
}
