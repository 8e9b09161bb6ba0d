package dev.taxiplatform.warehouse;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.processed.BatchLedger;
import dev.taxiplatform.core.processed.BatchManifest;
import dev.taxiplatform.core.processed.ProcessedLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Loads the processed data set into the warehouse's staging tables.
 *
 * <p>Rides: the rides files of the batch job's live runs that are not in {@code
 * platform.loaded_files} are loaded in batches of files, one transaction per batch: binary COPY
 * straight into {@code staging.stg_rides} (the batch job's rides are unique and new), or, when that
 * hits a ride already loaded, COPY into a temporary table and {@code INSERT … ON CONFLICT (ride_id)
 * DO NOTHING}; then the batch's files are recorded in {@code platform.loaded_files}. A crash at any
 * point rolls the open batch back whole; nothing is loaded twice or half.
 *
 * <p>Aggregates: when the latest run's snapshot is not the loaded one, the three aggregate tables
 * are replaced in one transaction.
 */
public final class RideLoader {
  private static final Logger LOG = LoggerFactory.getLogger(RideLoader.class);

  /** PostgreSQL's SQLSTATE for a unique violation. */
  static final String UNIQUE_VIOLATION = "23505";

  /** The advisory lock that keeps two loads from running at once. */
  static final long LOCK_KEY = 0x7461786910ad1L;

  private static final Map<String, String> AGGREGATE_TABLES =
      Map.of(
          "zone-stats",
          "zone_stats",
          "hourly-stats",
          "hourly_stats",
          "payment-stats",
          "payment_stats");

  /** Called between a batch's COPY and its commit; tests use it to crash a load mid-batch. */
  public interface BatchHook {
    void afterCopy(int batchNumber);

    BatchHook NONE = batch -> {};
  }

  private final Connection connection;
  private final WarehouseSchemas schemas;
  private final S3Client s3;
  private final String bucket;
  private final int batchFiles;
  private final Path scratch;
  private final BatchHook hook;

  public RideLoader(
      Connection connection,
      WarehouseSchemas schemas,
      S3Client s3,
      String bucket,
      int batchFiles,
      Path scratch,
      BatchHook hook) {
    this.connection = requireNonNull(connection, "connection");
    this.schemas = requireNonNull(schemas, "schemas");
    this.s3 = requireNonNull(s3, "s3");
    this.bucket = requireNonNull(bucket, "bucket");
    this.batchFiles = batchFiles;
    this.scratch = requireNonNull(scratch, "scratch");
    this.hook = requireNonNull(hook, "hook");
  }

  /** A pending rides file and the batch run that wrote it. */
  record PendingFile(BatchManifest.OutputFile file, long batchRun) {}

  /**
   * Loads what is new.
   *
   * @return files, batches, rows read, rows inserted and the aggregates' run (0 when current)
   */
  public Counts load() throws SQLException {
    connection.setAutoCommit(true);
    lock();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET temp_buffers = '512MB'");
    }
    BatchLedger ledger = BatchLedger.read(s3, bucket);
    List<PendingFile> pending = pending(ledger);
    LOG.info("{} processed rides files to load", pending.size());
    Counts counts = loadRides(pending);
    long aggregatesRun = loadAggregates(ledger);
    return new Counts(
        counts.files,
        counts.batches,
        counts.rowsRead,
        counts.rowsInserted,
        aggregatesRun,
        counts.rowsQuarantined);
  }

  /**
   * Load figures.
   *
   * @param files files loaded
   * @param batches transactions
   * @param rowsRead rows read
   * @param rowsInserted rows inserted
   * @param aggregatesRun batch run of the aggregates loaded, or 0
   * @param rowsQuarantined rows set aside in {@code platform.quarantined_rides} (among those read)
   */
  public record Counts(
      int files,
      int batches,
      long rowsRead,
      long rowsInserted,
      long aggregatesRun,
      long rowsQuarantined) {}

  /** A row of a rides file set aside instead of loaded. */
  private record Quarantined(String objectKey, long rowNumber, RideRowCheck.Rejection rejection) {}

  private void lock() throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, LOCK_KEY);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        if (!result.getBoolean(1)) {
          throw new PlatformException(
              ExitCodes.FAILED,
              "Another load is running against this warehouse; wait for it to finish and run again.");
        }
      }
    }
  }

  private List<PendingFile> pending(BatchLedger ledger) throws SQLException {
    Set<String> loaded = new HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT object_key FROM %s.loaded_files WHERE bucket = ?"
                .formatted(schemas.platform()))) {
      statement.setString(1, bucket);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          loaded.add(result.getString(1));
        }
      }
    }
    List<PendingFile> pending = new ArrayList<>();
    for (BatchManifest manifest : ledger.live()) {
      for (BatchManifest.OutputFile file : manifest.ridesFiles()) {
        if (!loaded.contains(file.key())) {
          pending.add(new PendingFile(file, manifest.sequence()));
        }
      }
    }
    return pending;
  }

  private Counts loadRides(List<PendingFile> pending) throws SQLException {
    if (pending.isEmpty()) {
      return new Counts(0, 0, 0, 0, 0, 0);
    }
    List<TargetColumn> columns =
        TargetColumn.of(connection, schemas.staging(), "stg_rides", List.of("loaded_at"));
    String columnList = TargetColumn.sqlList(columns);
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TEMP TABLE IF NOT EXISTS load_rides (LIKE %s.stg_rides INCLUDING DEFAULTS)"
                  .formatted(schemas.staging())
              + " ON COMMIT DELETE ROWS");
    }
    connection.commit();
    List<List<PendingFile>> batches = new ArrayList<>();
    for (int start = 0; start < pending.size(); start += batchFiles) {
      batches.add(pending.subList(start, Math.min(pending.size(), start + batchFiles)));
    }
    ExecutorService downloads = Executors.newFixedThreadPool(4);
    long rowsRead = 0;
    long rowsInserted = 0;
    long rowsQuarantined = 0;
    List<Quarantined> quarantined = new ArrayList<>();
    try {
      // Files download ahead: the COPY of a file starts as soon as it is here, and the next
      // batch downloads while this one loads.
      List<CompletableFuture<Path>> next = downloadEach(batches.get(0), downloads);
      for (int i = 0; i < batches.size(); i++) {
        List<CompletableFuture<Path>> files = next;
        if (i + 1 < batches.size()) {
          next = downloadEach(batches.get(i + 1), downloads);
        }
        List<PendingFile> batch = batches.get(i);
        String staging = schemas.staging() + ".stg_rides";
        long[] perFile;
        long inserted;
        Savepoint direct = connection.setSavepoint();
        try {
          // Fast path: the batch job's rides are new and unique, so COPY straight into the table.
          perFile = copy(staging, columns, columnList, batch, files, quarantined);
          hook.afterCopy(i + 1);
          inserted = java.util.Arrays.stream(perFile).sum() - quarantined.size();
          connection.releaseSavepoint(direct);
        } catch (SQLException e) {
          if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw e;
          }
          // Some rides are loaded already: through a temporary table, skipping them.
          connection.rollback(direct);
          perFile = copy("load_rides", columns, columnList, batch, files, quarantined);
          hook.afterCopy(i + 1);
          try (Statement statement = connection.createStatement()) {
            inserted =
                statement.executeUpdate(
                    "INSERT INTO %s (%s) SELECT %s FROM load_rides ON CONFLICT (ride_id) DO NOTHING"
                        .formatted(staging, columnList, columnList));
          }
        }
        long read = java.util.Arrays.stream(perFile).sum();
        quarantine(quarantined);
        record(batch, perFile, read, inserted);
        connection.commit();
        rowsRead += read;
        rowsInserted += inserted;
        rowsQuarantined += quarantined.size();
        LOG.info(
            "Loaded batch {}/{}: {} files, {} rows read, {} inserted",
            i + 1,
            batches.size(),
            batch.size(),
            read,
            inserted);
        for (CompletableFuture<Path> file : files) {
          Files.deleteIfExists(join(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      downloads.shutdownNow();
      connection.setAutoCommit(true);
    }
    return new Counts(pending.size(), batches.size(), rowsRead, rowsInserted, 0, rowsQuarantined);
  }

  private long[] copy(
      String table,
      List<TargetColumn> columns,
      String columnList,
      List<PendingFile> batch,
      List<CompletableFuture<Path>> files,
      List<Quarantined> quarantined)
      throws SQLException, IOException {
    quarantined.clear();
    CopyIn copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY %s (%s) FROM STDIN (FORMAT binary)".formatted(table, columnList));
    long[] perFile = new long[batch.size()];
    try {
      PgBinaryRow out = new PgBinaryRow();
      out.header();
      for (int f = 0; f < batch.size(); f++) {
        String date = ProcessedLayout.eventDateOf(batch.get(f).file().key());
        Map<String, LocalDate> constants =
            date == null ? Map.of() : Map.of("event_date", LocalDate.parse(date));
        String key = batch.get(f).file().key();
        perFile[f] =
            new ParquetCopyEncoder(columns, constants)
                .encode(
                    join(files.get(f)),
                    out,
                    (bytes, length) -> write(copy, bytes, length),
                    (row, rejection) -> quarantined.add(new Quarantined(key, row, rejection)));
      }
      out.trailer();
      write(copy, out.array(), out.size());
      copy.endCopy();
      return perFile;
    } catch (IOException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e;
    } finally {
      cancelIfActive(copy);
    }
  }

  private static void cancelIfActive(CopyIn copy) {
    try {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      // The COPY failed already; its error is the one to report.
      LOG.debug("Cancelling a failed COPY: {}", e.getMessage());
    }
  }

  private static void write(CopyIn copy, byte[] bytes, int length) throws IOException {
    try {
      copy.writeToCopy(bytes, 0, length);
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }

  /** Records the rows set aside, in the batch's transaction, and says so in the log. */
  private void quarantine(List<Quarantined> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            ("INSERT INTO %s.quarantined_rides (bucket, object_key, row_number, reason,"
                    + " ride_id_preview, ride_id_length) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
                .formatted(schemas.platform()))) {
      for (Quarantined row : rows) {
        statement.setString(1, bucket);
        statement.setString(2, row.objectKey());
        statement.setLong(3, row.rowNumber());
        statement.setString(4, row.rejection().reason());
        statement.setString(5, row.rejection().valuePreview());
        statement.setInt(6, row.rejection().valueLength());
        statement.addBatch();
        LOG.warn(
            "Quarantined row {} of s3://{}/{} ({}: \"{}\", {} characters); see {}.quarantined_rides",
            row.rowNumber(),
            bucket,
            row.objectKey(),
            row.rejection().reason(),
            row.rejection().valuePreview(),
            row.rejection().valueLength(),
            schemas.platform());
      }
      statement.executeBatch();
    }
  }

  private void record(List<PendingFile> batch, long[] perFile, long read, long inserted)
      throws SQLException {
    long batchId;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO %s.load_batches (bucket, files, rows_read, rows_inserted)"
                    .formatted(schemas.platform())
                + " VALUES (?, ?, ?, ?) RETURNING load_batch_id")) {
      statement.setString(1, bucket);
      statement.setInt(2, batch.size());
      statement.setLong(3, read);
      statement.setLong(4, inserted);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        batchId = result.getLong(1);
      }
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO %s.loaded_files (bucket, object_key, batch_run, load_batch_id, rows_read)"
                    .formatted(schemas.platform())
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (int f = 0; f < batch.size(); f++) {
        statement.setString(1, bucket);
        statement.setString(2, batch.get(f).file().key());
        statement.setLong(3, batch.get(f).batchRun());
        statement.setLong(4, batchId);
        statement.setLong(5, perFile[f]);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private long loadAggregates(BatchLedger ledger) throws SQLException {
    if (ledger.latest().isEmpty()) {
      return 0;
    }
    BatchManifest latest = ledger.latest().get();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT 1 FROM %s.loaded_aggregates WHERE bucket = ? AND batch_run = ?"
                .formatted(schemas.platform()))) {
      statement.setString(1, bucket);
      statement.setLong(2, latest.sequence());
      try (ResultSet result = statement.executeQuery()) {
        if (result.next()) {
          return 0;
        }
      }
    }
    Map<String, List<Path>> files = new LinkedHashMap<>();
    ExecutorService downloads = Executors.newFixedThreadPool(3);
    try {
      for (String aggregate : ProcessedLayout.AGGREGATES) {
        List<PendingFile> snapshot =
            latest.aggregates().getOrDefault(aggregate, List.of()).stream()
                .map(f -> new PendingFile(f, latest.sequence()))
                .toList();
        files.put(aggregate, join(download(snapshot, downloads)));
      }
    } finally {
      downloads.shutdownNow();
    }
    connection.setAutoCommit(false);
    try {
      for (String aggregate : ProcessedLayout.AGGREGATES) {
        String table = schemas.staging() + "." + AGGREGATE_TABLES.get(aggregate);
        try (Statement statement = connection.createStatement()) {
          statement.execute("DELETE FROM " + table);
        }
        if (files.get(aggregate).isEmpty()) {
          continue;
        }
        List<TargetColumn> columns =
            TargetColumn.of(
                connection, schemas.staging(), AGGREGATE_TABLES.get(aggregate), List.of());
        CopyIn copy =
            connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                    "COPY %s (%s) FROM STDIN (FORMAT binary)"
                        .formatted(table, TargetColumn.sqlList(columns)));
        try {
          PgBinaryRow out = new PgBinaryRow();
          out.header();
          for (Path file : files.get(aggregate)) {
            new ParquetCopyEncoder(columns, Map.of())
                .encode(file, out, (bytes, length) -> write(copy, bytes, length));
            Files.deleteIfExists(file);
          }
          out.trailer();
          write(copy, out.array(), out.size());
          copy.endCopy();
        } finally {
          cancelIfActive(copy);
        }
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "INSERT INTO %s.loaded_aggregates (bucket, batch_run) VALUES (?, ?)"
                  .formatted(schemas.platform()))) {
        statement.setString(1, bucket);
        statement.setLong(2, latest.sequence());
        statement.executeUpdate();
      }
      connection.commit();
      LOG.info("Loaded the aggregates of batch run {}", latest.sequence());
      return latest.sequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    }
  }

  private List<CompletableFuture<Path>> downloadEach(
      List<PendingFile> files, ExecutorService pool) {
    return files.stream()
        .map(file -> CompletableFuture.supplyAsync(() -> fetch(file.file().key()), pool))
        .toList();
  }

  private CompletableFuture<List<Path>> download(List<PendingFile> files, ExecutorService pool) {
    List<CompletableFuture<Path>> each = new ArrayList<>();
    for (PendingFile file : files) {
      each.add(CompletableFuture.supplyAsync(() -> fetch(file.file().key()), pool));
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
  }

  private Path fetch(String key) {
    try {
      Path local = Files.createTempFile(scratch, "processed-", ".parquet");
      Files.delete(local);
      s3.getObject(b -> b.bucket(bucket).key(key), local);
      return local;
    } catch (NoSuchKeyException e) {
      throw new PlatformException(
          ExitCodes.FAILED,
          "Processed file s3://%s/%s is gone: a batch run replaced it while this load ran. Run the"
                  .formatted(bucket, key)
              + " load again.",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
