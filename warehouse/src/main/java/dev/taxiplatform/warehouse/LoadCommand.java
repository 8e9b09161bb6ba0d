package dev.taxiplatform.warehouse;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.cli.TaskSummaryFile;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.LoaderSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.metrics.SummaryPusher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code platform load}: the processed rides and aggregates into the warehouse's staging tables.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Apply the warehouse's schema migrations, then load the batch job's processed rides not"
          + " loaded before into staging.stg_rides (binary COPY, one transaction per batch of"
          + " files, each file recorded in platform.loaded_files in the same transaction) and"
          + " replace the aggregate tables when the batch job produced new ones.",
      "Safe to interrupt and re-run: every ride is loaded exactly once.",
      "Exit codes: 0 done, 1 the load failed, 2 bad usage or configuration, 3 S3 or PostgreSQL"
          + " unreachable."
    })
public final class LoadCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--migrate-only",
      description = "Apply the warehouse's schema migrations and stop.")
  private boolean migrateOnly;

  @Option(
      names = "--batch-files",
      paramLabel = "N",
      description = "Files per transaction (default: loader.batch-files, 8).")
  private Integer batchFiles;

  @Option(
      names = "--summary-json",
      paramLabel = "FILE",
      description = "Also write the load's summary as JSON to FILE.")
  private Path summaryJson;

  @Override
  public Integer call() throws Exception {
    List<ConfigOverrides.Flag> flags = new ArrayList<>();
    if (batchFiles != null) {
      flags.add(
          new ConfigOverrides.Flag(
              LoaderSettings.BATCH_FILES.name(), batchFiles.toString(), "--batch-files"));
    }
    PlatformConfig config = configOptions.load(flags);
    Connections connections = new Connections(config);
    WarehouseConnection warehouse = connections.warehouse();
    long start = System.nanoTime();
    WarehouseMigrations.Result migrations = migrate(warehouse);
    if (migrateOnly) {
      System.out.printf(
          "Warehouse schema at version %s (%d migration(s) applied).%n",
          migrations.version(), migrations.applied());
      return ExitCodes.SUCCESS;
    }
    S3Connection s3Connection = connections.s3();
    Path scratch = Files.createTempDirectory("taxi-load");
    try (S3Client s3 = s3Connection.client();
        Connection connection = open(warehouse)) {
      RideLoader.Counts counts =
          new RideLoader(
                  connection,
                  WarehouseSchemas.DEFAULT,
                  s3,
                  config.s3().processedBucket(),
                  LoaderSettings.from(config).batchFiles(),
                  scratch,
                  RideLoader.BatchHook.NONE)
              .load();
      LoadSummary summary =
          new LoadSummary(
              migrations.version(),
              migrations.applied(),
              counts.files(),
              counts.batches(),
              counts.rowsRead(),
              counts.rowsInserted(),
              counts.aggregatesRun(),
              counts.rowsQuarantined(),
              (System.nanoTime() - start) / 1e9);
      System.out.print(summary.render());
      if (summaryJson == null) {
        summaryJson = TaskSummaryFile.fromEnvironment().orElse(null);
      }
      if (summaryJson != null) {
        TaskSummaryFile.write(summaryJson, "load", summary, summary.metrics());
      }
      SummaryPusher.forConfig(config)
          .ifPresent(pusher -> pusher.pushSuccess("loader", summary.metrics(), Instant.now()));
      return ExitCodes.SUCCESS;
    } catch (SdkClientException e) {
      throw PlatformException.unavailable(
          "S3 at %s is unreachable: %s".formatted(s3Connection.endpoint(), e.getMessage()), e);
    } finally {
      try (var paths = Files.walk(scratch)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  static WarehouseMigrations.Result migrate(WarehouseConnection warehouse) {
    try {
      return new WarehouseMigrations(warehouse, WarehouseSchemas.DEFAULT).migrate();
    } catch (FlywayException e) {
      if (e.getMessage() != null && e.getMessage().contains("Unable to obtain connection")) {
        throw PlatformException.unavailable(
            "PostgreSQL at %s:%d is unreachable. Start the local stack (./platform up --detach) or"
                    .formatted(warehouse.host(), warehouse.port())
                + " fix warehouse.host/port.",
            e);
      }
      throw PlatformException.failed("Migrating the warehouse schema failed: " + e.getMessage(), e);
    }
  }

  static Connection open(WarehouseConnection warehouse) {
    try {
      return warehouse.open();
    } catch (SQLException e) {
      throw PlatformException.unavailable(
          "PostgreSQL at %s:%d is unreachable: %s"
              .formatted(warehouse.host(), warehouse.port(), e.getMessage()),
          e);
    }
  }
}
