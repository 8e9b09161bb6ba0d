package dev.taxiplatform.infra.server;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.config.ServerSettings;
import dev.taxiplatform.infra.kafka.BrokerMetricsExporter;
import dev.taxiplatform.infra.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform server kafka}. */
@Command(
    name = "kafka",
    mixinStandardHelpOptions = true,
    description = {
      "Run a single-node Kafka broker (KRaft) listening on server.bind-host (default 127.0.0.1).",
      "Clients are told to connect to kafka.advertised-host (default: server.bind-host; required"
          + " when that is 0.0.0.0)."
    })
final class KafkaServerCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(names = "--dir", required = true, description = "Data directory of the broker.")
  private Path dir;

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Client port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--controller-port",
      defaultValue = "9093",
      description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
  private int controllerPort;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "Default partitions of new topics (default: ${DEFAULT-VALUE}).")
  private int partitions;

  @Option(
      names = "--metrics-port",
      description =
          "Serve the broker's metrics (Prometheus's JMX exporter, in the broker's JVM) on this port"
              + " of server.bind-host (default: no metrics).")
  private Integer metricsPort;

  @Option(
      names = "--metrics-rules",
      description =
          "The exporter's rules (default: deploy/monitoring/kafka/jmx-exporter.yaml of the"
              + " platform).")
  private Path metricsRules;

  @Override
  public Integer call() {
    PlatformConfig config = configOptions.load();
    ServerSettings server = config.server();
    if (metricsPort != null) {
      BrokerMetricsExporter.start(
          server.bindHost(),
          metricsPort,
          metricsRules != null
              ? metricsRules
              : PlatformHome.locate().resolve(BrokerMetricsExporter.DEFAULT_RULES));
    }
    EmbeddedKafka.Listener listener =
        new EmbeddedKafka.Listener(server.bindHost(), config.kafka().advertisedHost(server), port);
    return ForegroundServer.run(
        "kafka",
        server.shutdownTimeout(),
        () -> EmbeddedKafka.start(dir, listener, controllerPort, partitions));
  }
}
