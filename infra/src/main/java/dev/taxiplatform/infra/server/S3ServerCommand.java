package dev.taxiplatform.infra.server;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.config.ServerSettings;
import dev.taxiplatform.infra.s3.EmbeddedS3;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform server s3}. Credentials come from the environment, never the command line. */
@Command(
    name = "s3",
    mixinStandardHelpOptions = true,
    description = {
      "Run an S3-protocol server on server.bind-host (default 127.0.0.1) storing objects under"
          + " --dir.",
      "Clients sign with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read from the environment, or"
          + " from the files AWS_ACCESS_KEY_ID_FILE / AWS_SECRET_ACCESS_KEY_FILE name)."
    })
final class S3ServerCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(names = "--dir", required = true, description = "Directory of the buckets.")
  private Path dir;

  @Option(
      names = "--port",
      defaultValue = "4566",
      description = "Port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Override
  public Integer call() {
    ServerSettings server = configOptions.load().server();
    String accessKey = ServerEnvironment.require("AWS_ACCESS_KEY_ID");
    String secretKey = ServerEnvironment.require("AWS_SECRET_ACCESS_KEY");
    return ForegroundServer.run(
        "s3",
        server.shutdownTimeout(),
        () -> EmbeddedS3.start(dir, server.bindHost(), port, accessKey, secretKey));
  }
}
