package dev.taxiplatform.infra.server;

import picocli.CommandLine.Command;

/** {@code platform server <kafka|s3|postgres>}: runs one embedded server in the foreground. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run one embedded server in the foreground until stopped (Ctrl-C or SIGTERM).",
      "`platform up` runs each of them this way, as its own process."
    },
    subcommands = {KafkaServerCommand.class, S3ServerCommand.class, PostgresServerCommand.class})
public final class ServerCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing server: kafka, s3 or postgres.");
  }
}
