package dev.taxiplatform.warehouse;

import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.connect.Connections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A loader process on a local stack whose batch hook stops it between the COPY of one batch and
 * that batch's commit, for a test to kill it there. Arguments: data directory, bucket, files per
 * batch, the batch to stop after.
 */
final class LoaderStoppedAfterCopy {
  static final String STOPPED = "stopped after the COPY of batch ";

  private LoaderStoppedAfterCopy() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    String bucket = args[1];
    int batchFiles = Integer.parseInt(args[2]);
    int stopAfter = Integer.parseInt(args[3]);
    Connections connections =
        new Connections(new ConfigLoader(Map.of(), dataDir).load(ConfigOverrides.dataDir(dataDir)));
    try (S3Client s3 = connections.s3().client();
        Connection connection = connections.warehouse().open()) {
      new RideLoader(
              connection,
              WarehouseSchemas.DEFAULT,
              s3,
              bucket,
              batchFiles,
              Files.createTempDirectory("loader-stopped"),
              batch -> {
                if (batch == stopAfter) {
                  System.out.println(STOPPED + batch);
                  System.out.flush();
                  sleepForever();
                }
              })
          .load();
    }
  }

  private static void sleepForever() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
