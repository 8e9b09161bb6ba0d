package dev.taxiplatform.infra.kafka;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.config.ServerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, broker and controller in one). Its client listener binds to the
 * configured address and is advertised under the host clients reach it by; the controller listener
 * serves the broker itself and stays on the loopback address. Its storage is formatted on first
 * start and kept in its data directory across restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String CONTROLLER_HOST = ServerSettings.LOOPBACK;

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Where the client listener binds and what it advertises.
   *
   * @param bindHost the address to listen on ({@code 0.0.0.0}: every interface)
   * @param advertisedHost the host clients are told to connect to
   * @param port the client port
   */
  public record Listener(String bindHost, String advertisedHost, int port) {
    public Listener {
      requireNonNull(bindHost, "bindHost");
      requireNonNull(advertisedHost, "advertisedHost");
    }

    /** Listening on, and advertising, the loopback address. */
    public static Listener loopback(int port) {
      return new Listener(ServerSettings.LOOPBACK, ServerSettings.LOOPBACK, port);
    }
  }

  /**
   * Formats the storage if needed and starts the broker.
   *
   * @param dataDir directory of the broker's log and metadata (created when missing)
   * @param listener the client listener
   * @param controllerPort KRaft controller port
   * @param defaultPartitions partitions of automatically created topics
   */
  public static EmbeddedKafka start(
      Path dataDir, Listener listener, int controllerPort, int defaultPartitions) {
    requireNonNull(dataDir, "dataDir");
    Properties properties = serverProperties(dataDir, listener, controllerPort, defaultPartitions);
    Path propertiesFile = writeProperties(dataDir, properties);
    formatIfNeeded(dataDir, propertiesFile);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
    server.startup();
    LOG.info(
        "Kafka listening on {}:{}, advertised as {}:{} (data in {})",
        listener.bindHost(),
        listener.port(),
        listener.advertisedHost(),
        listener.port(),
        dataDir);
    return new EmbeddedKafka(server, listener.advertisedHost() + ":" + listener.port());
  }

  /** The bootstrap servers clients connect to. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker and waits until it has stopped. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  static Properties serverProperties(
      Path dataDir, Listener listener, int controllerPort, int defaultPartitions) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@%s:%d".formatted(CONTROLLER_HOST, controllerPort));
    p.setProperty(
        "listeners",
        "PLAINTEXT://%s:%d,CONTROLLER://%s:%d"
            .formatted(
                ServerSettings.inUri(listener.bindHost()),
                listener.port(),
                CONTROLLER_HOST,
                controllerPort));
    p.setProperty(
        "advertised.listeners",
        "PLAINTEXT://%s:%d"
            .formatted(ServerSettings.inUri(listener.advertisedHost()), listener.port()));
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dataDir.resolve("log").toString());
    p.setProperty("num.partitions", Integer.toString(defaultPartitions));
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "5");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("log.flush.interval.ms", "1000");
    return p;
  }

  private static Path writeProperties(Path dataDir, Properties properties) {
    try {
      Files.createDirectories(dataDir);
      Path file = dataDir.resolve("server.properties");
      try (Writer writer = Files.newBufferedWriter(file)) {
        properties.store(writer, "Written by the platform at every start; edits are overwritten.");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Kafka configuration in " + dataDir, e);
    }
  }

  private static void formatIfNeeded(Path dataDir, Path propertiesFile) {
    if (Files.exists(dataDir.resolve("log").resolve("meta.properties"))) {
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode =
          StorageTool.execute(
              new String[] {
                "format",
                "--config",
                propertiesFile.toString(),
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--ignore-formatted"
              },
              out);
    }
    String text = output.toString(StandardCharsets.UTF_8).trim();
    if (exitCode != 0) {
      throw new IllegalStateException(
          "Formatting Kafka storage in %s failed: %s".formatted(dataDir, text));
    }
    LOG.info("Formatted Kafka storage in {}: {}", dataDir, text);
  }
}
