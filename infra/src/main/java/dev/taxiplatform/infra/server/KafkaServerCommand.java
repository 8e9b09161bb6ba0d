package dev.taxiplatform.infra.server;

import dev.taxiplatform.infra.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code platform server kafka}. */
@Command(
    name = "kafka",
    mixinStandardHelpOptions = true,
    description = "Run a single-node Kafka broker (KRaft) on 127.0.0.1.")
final class KafkaServerCommand implements Callable<Integer> {
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

  @Override
  public Integer call() {
    return ForegroundServer.run(
        "kafka", () -> EmbeddedKafka.start(dir, port, controllerPort, partitions));
  }
}
