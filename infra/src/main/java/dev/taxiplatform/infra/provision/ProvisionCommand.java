package dev.taxiplatform.infra.provision;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code platform provision}: creates the configured topics and buckets on the configured Kafka and
 * S3 when missing, keeping what exists (a deployment runs it at every install and upgrade).
 */
@Command(
    name = "provision",
    mixinStandardHelpOptions = true,
    description = {
      "Create the rides' topics and the buckets on the configured Kafka and S3 when missing;"
          + " existing ones are kept, so running it again changes nothing.",
      "Exit codes: 0 done, 2 bad configuration, 3 Kafka or S3 unreachable."
    })
public final class ProvisionCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--skip-topics",
      description = "Leave the topics alone (another tool, e.g. a Kafka operator, owns them).")
  private boolean skipTopics;

  @Override
  public Integer call() {
    PlatformConfig config = configOptions.load();
    Connections connections = new Connections(config);
    List<String> lines;
    try {
      lines =
          new PlatformProvisioner(config)
              .provision(
                  skipTopics ? Optional.empty() : Optional.of(connections.kafka()),
                  connections.s3());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PlatformException.unavailable("Provisioning was interrupted", e);
    } catch (PlatformException e) {
      throw e;
    } catch (Exception e) {
      throw PlatformException.unavailable(
          "Provisioning topics and buckets failed: %s. Check that Kafka and S3 are reachable at the configured endpoints."
              .formatted(e.getMessage()),
          e);
    }
    lines.forEach(System.out::println);
    return 0;
  }
}
