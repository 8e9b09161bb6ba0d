package dev.taxiplatform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.net.PortAllocator;
import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/** {@code ./platform up --detach}, {@code status}, {@code down}, as a user runs them. */
class LocalStackLifecycleTest {
  @TempDir Path workDir;

  @Test
  void upStatusDownWithRealProcessesAndDataKeptAcrossRestart() throws Exception {
    Path dataDir = workDir.resolve("stack");
    PlatformCli cli = PlatformCli.inDirectory(workDir);
    String dataDirArg = "--data-dir=" + dataDir;
    // Occupy the preferred Kafka port so the stack must fall back, and say so.
    int busyPort = new PortAllocator().allocate(29092).port();
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), busyPort));

      PlatformCli.Result up =
          cli.run(
              "up",
              "--detach",
              dataDirArg,
              "--set",
              "kafka.port=" + busyPort,
              "--set",
              "kafka.controller-port=29192");

      assertThat(up.exitCode()).as(up.toString()).isZero();
      assertThat(up.output())
          .contains("Stack ready")
          .contains("created topic taxi-rides (3 partitions)")
          .contains("created topic taxi-rides-dlq (3 partitions)")
          .contains("created bucket platform-raw-data")
          .contains("created bucket platform-processed-data")
          .contains("port %d (kafka.port) is in use: kafka listens on".formatted(busyPort));
    }
    StackLayout layout = new StackLayout(dataDir);
    StackState state = StackState.read(layout).orElseThrow();
    assertThat(state.status()).isEqualTo(StackState.Status.READY);
    // The servers first; then the built components' services (e.g. the sink), if any.
    assertThat(state.services())
        .extracting(ServiceState::name)
        .startsWith("kafka", "s3", "postgres");
    assertThat(state.services()).allSatisfy(s -> assertThat(Processes.isAlive(s.pid())).isTrue());
    String kafkaEndpoint = state.service("kafka").orElseThrow().endpoint();
    assertThat(kafkaEndpoint).isNotEqualTo("127.0.0.1:" + busyPort);

    // The ports answer their protocols, with the credentials `platform env` hands out.
    Map<String, String> env = parseExports(cli.run("env", dataDirArg).output());
    assertThat(env)
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", kafkaEndpoint)
        .containsEntry("WAREHOUSE_USER", "platform");
    KafkaConnection kafka = new KafkaConnection(env.get("KAFKA_BOOTSTRAP_SERVERS"));
    S3Connection s3 =
        new S3Connection(
            java.net.URI.create(env.get("S3_ENDPOINT")),
            "us-east-1",
            env.get("AWS_ACCESS_KEY_ID"),
            env.get("AWS_SECRET_ACCESS_KEY"));
    WarehouseConnection warehouse =
        new WarehouseConnection(
            env.get("WAREHOUSE_HOST"),
            Integer.parseInt(env.get("WAREHOUSE_PORT")),
            "warehouse",
            "platform",
            env.get("WAREHOUSE_PASSWORD"));
    writeOneOfEach(kafka, s3, warehouse);

    PlatformCli.Result status = cli.run("status", dataDirArg);
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.output().lines().filter(l -> l.contains("healthy")))
        .hasSize(state.services().size());

    PlatformCli.Result json = cli.run("status", dataDirArg, "--json");
    JsonNode services = new ObjectMapper().readTree(json.output()).get("services");
    assertThat(services).hasSize(state.services().size());
    services.forEach(s -> assertThat(s.get("health").asText()).isEqualTo("HEALTHY"));

    // A second stack on the same data directory is refused.
    PlatformCli.Result second = cli.run("up", "--detach", dataDirArg);
    assertThat(second.exitCode()).isEqualTo(2);
    assertThat(second.output())
        .contains("A stack is already running for data directory " + dataDir);

    PlatformCli.Result down = cli.run("down", dataDirArg);
    assertThat(down.exitCode()).as(down.toString()).isZero();
    assertThat(down.output()).contains("Stack stopped.");
    for (ServiceState service : state.services()) {
      assertThat(Processes.isAlive(service.pid())).as(service.name() + " stopped").isFalse();
    }
    assertThat(Processes.isAlive(state.supervisorPid())).isFalse();
    assertThat(answers(kafkaEndpoint)).isFalse();
    assertThat(cli.run("status", dataDirArg).exitCode()).isEqualTo(3);
    assertThat(cli.run("down", dataDirArg).output()).contains("No stack is running");

    // Restart on the same data directory: the record, the object and the row are still there.
    try (LocalStack restarted = LocalStack.start(dataDir)) {
      var connections = restarted.connections();
      assertThat(readTheRecord(connections.kafka())).isEqualTo("ride-1");
      try (S3Client client = connections.s3().client()) {
        assertThat(client.listBuckets().buckets())
            .extracting(Bucket::name)
            .contains("platform-raw-data", "platform-processed-data");
        assertThat(
                client
                    .getObjectAsBytes(b -> b.bucket("platform-raw-data").key("kept.txt"))
                    .asUtf8String())
            .isEqualTo("kept");
      }
      try (Connection connection = connections.warehouse().open();
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT note FROM kept")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getString(1)).isEqualTo("kept");
      }
    }
  }

  @Test
  void aQuickDownThenUpKeepsEveryPort() throws Exception {
    Path dataDir = workDir.resolve("quick");
    PlatformCli cli = PlatformCli.inDirectory(workDir);
    String dataDirArg = "--data-dir=" + dataDir;
    // Free ports, not kept reserved by this test, so the stack may take them.
    PortAllocator free = new PortAllocator();
    int kafkaPort = free.allocate(29292).port();
    int controllerPort = free.allocate(29392).port();
    int s3Port = free.allocate(24766).port();
    int postgresPort = free.allocate(25632).port();
    free.release();
    String[] up = {
      "up",
      "--detach",
      "--infrastructure-only",
      dataDirArg,
      "--set",
      "kafka.port=" + kafkaPort,
      "--set",
      "kafka.controller-port=" + controllerPort,
      "--set",
      "s3.port=" + s3Port,
      "--set",
      "warehouse.port=" + postgresPort
    };
    PlatformCli.Result first = cli.run(up);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    StackLayout layout = new StackLayout(dataDir);
    Map<String, String> endpoints = endpoints(StackState.read(layout).orElseThrow());
    assertThat(endpoints)
        .containsEntry("kafka", "127.0.0.1:" + kafkaPort)
        .containsEntry("postgres", "127.0.0.1:" + postgresPort);

    // Clients connected while the servers stop: each server closes them first, which leaves the
    // connections in TIME_WAIT on the server's port for a minute.
    List<Socket> clients = new java.util.ArrayList<>();
    for (String endpoint : endpoints.values()) {
      clients.add(connect(endpoint));
    }
    PlatformCli.Result down = cli.run("down", dataDirArg);
    assertThat(down.exitCode()).as(down.toString()).isZero();
    for (Socket client : clients) {
      client.setSoTimeout(30_000);
      try {
        assertThat(client.getInputStream().read()).isEqualTo(-1);
      } catch (java.net.SocketException reset) {
        // Closed by the server either way.
      }
      client.close();
    }

    PlatformCli.Result second = cli.run(up);
    try {
      assertThat(second.exitCode()).as(second.toString()).isZero();
      assertThat(second.output()).doesNotContain("is in use");
      assertThat(endpoints(StackState.read(layout).orElseThrow())).isEqualTo(endpoints);
    } finally {
      cli.run("down", dataDirArg);
    }
  }

  private static Map<String, String> endpoints(StackState state) {
    Map<String, String> endpoints = new java.util.TreeMap<>();
    state.services().forEach(s -> endpoints.put(s.name(), s.endpoint()));
    return endpoints;
  }

  private static Socket connect(String endpoint) throws java.io.IOException {
    java.net.URI uri =
        java.net.URI.create(endpoint.contains("://") ? endpoint : "tcp://" + endpoint);
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
    return socket;
  }

  @Test
  void crashedServiceIsReportedAndRestartedAndAKilledSupervisorTakesItsServicesDown()
      throws Exception {
    Path dataDir = workDir.resolve("crashy");
    try (LocalStack stack = LocalStack.start(dataDir)) {
      StackLayout layout = new StackLayout(dataDir);
      ServiceState s3 = StackState.read(layout).orElseThrow().service("s3").orElseThrow();
      kill(s3.pid());

      ServiceState restarted =
          awaitService(
              layout, "s3", s -> s.restarts() == 1 && s.health() == ServiceState.Health.HEALTHY);
      assertThat(restarted.pid()).isNotEqualTo(s3.pid());
      assertThat(Files.readString(layout.logFile("supervisor")))
          .contains("s3 exited unexpectedly (exit code 137)")
          .contains("restarting s3")
          .contains("s3 healthy again");

      StackState state = StackState.read(layout).orElseThrow();
      kill(state.supervisorPid());
      for (ServiceState service : state.services()) {
        ProcessHandle.of(service.pid())
            .ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
        assertThat(Processes.isAlive(service.pid()))
            .as(service.name() + " ended with its supervisor")
            .isFalse();
      }
      PlatformCli.Result status = stack.cli().run("status", "--data-dir", dataDir.toString());
      assertThat(status.exitCode()).isEqualTo(3);
      assertThat(status.output())
          .contains("supervisor (pid %d) is gone".formatted(state.supervisorPid()));
    }
    assertThat(StackState.read(new StackLayout(dataDir))).isEmpty();
  }

  private static void kill(long pid) throws Exception {
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    process.destroyForcibly();
    process.onExit().get(30, TimeUnit.SECONDS);
  }

  private static ServiceState awaitService(
      StackLayout layout, String name, java.util.function.Predicate<ServiceState> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    ServiceState last = null;
    while (System.nanoTime() < deadline) {
      last = StackState.read(layout).flatMap(s -> s.service(name)).orElse(null);
      if (last != null && condition.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("service " + name + " never got there; last state " + last);
  }

  private static void writeOneOfEach(
      KafkaConnection kafka, S3Connection s3, WarehouseConnection warehouse) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            kafka.clientProperties("test"), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("taxi-rides", "1", "ride-1")).get();
    }
    try (S3Client client = s3.client()) {
      assertThat(client.listBuckets().buckets())
          .extracting(Bucket::name)
          .containsExactlyInAnyOrder("platform-raw-data", "platform-processed-data");
      client.putObject(
          b -> b.bucket("platform-raw-data").key("kept.txt"), RequestBody.fromString("kept"));
    }
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (note text)");
      statement.execute("INSERT INTO kept VALUES ('kept')");
    }
  }

  private static String readTheRecord(KafkaConnection kafka) {
    Map<String, Object> properties = kafka.clientProperties("test");
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-check");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of("taxi-rides"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          return record.value();
        }
      }
    }
    throw new AssertionError("no record in taxi-rides after restart");
  }

  private static boolean answers(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
          1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static Map<String, String> parseExports(String output) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (String line : output.lines().toList()) {
      if (line.startsWith("export ")) {
        int equals = line.indexOf('=');
        String value = line.substring(equals + 1);
        env.put(line.substring("export ".length(), equals), value.substring(1, value.length() - 1));
      }
    }
    return env;
  }

  static List<String> lines(String text) {
    return text.lines().toList();
  }
}
