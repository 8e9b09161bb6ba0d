package dev.taxiplatform.infra;

import dev.taxiplatform.core.cli.CommandRunner;
import dev.taxiplatform.core.cli.VersionProvider;
import dev.taxiplatform.infra.provision.ProvisionCommand;
import dev.taxiplatform.infra.server.ServerCommand;
import dev.taxiplatform.infra.stack.DownCommand;
import dev.taxiplatform.infra.stack.EnvCommand;
import dev.taxiplatform.infra.stack.ResetCommand;
import dev.taxiplatform.infra.stack.StatusCommand;
import dev.taxiplatform.infra.stack.UpCommand;
import picocli.CommandLine.Command;

/** Entry point of the infrastructure component: the local stack and its embedded servers. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "The local stack: embedded Kafka, S3 and PostgreSQL, and the platform's services.",
    subcommands = {
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      ResetCommand.class,
      EnvCommand.class,
      ServerCommand.class,
      ProvisionCommand.class
    })
public final class InfraMain implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this),
        "Missing command: up, down, status, reset, env, server or provision.");
  }

  public static void main(String[] args) {
    CommandRunner.runAndExit(new InfraMain(), args);
  }
}
