package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLaunch;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.ConfigKey;
import dev.taxiplatform.core.config.ConfigKeys;
import dev.taxiplatform.core.config.DashboardSettings;
import dev.taxiplatform.core.config.KafkaSettings;
import dev.taxiplatform.core.config.MonitoringSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.config.PlatformSettings;
import dev.taxiplatform.core.config.S3Settings;
import dev.taxiplatform.core.config.WarehouseSettings;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.metrics.SummaryPusher;
import dev.taxiplatform.core.net.PortAllocator;
import dev.taxiplatform.core.process.SupervisorWatchdog;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackSecrets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what the stack runs: which servers are embedded, on which ports, and which components.
 */
final class StackPlanner {
  private static final String INFRA_COMPONENT = "infra";
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final PlatformConfig config;
  private final StackLayout layout;
  private final ComponentCatalog catalog;
  private final ComponentLauncher launcher;
  private final boolean withServices;
  private final PortAllocator ports = new PortAllocator();
  private final List<String> notes = new ArrayList<>();
  private final Set<String> optionalServices;
  private final List<String> serviceConfigArguments;

  /** The host the stack's servers are reached by from this machine (server.bind-host). */
  private final String localHost;

  /**
   * @param withServices whether the stack runs the components' services, or only the servers
   * @param optionalServices the optional services to run too (descriptor key {@code
   *     service.<name>.optional=true}; {@code platform up --with <name>})
   * @param serviceConfigArguments configuration flags every service gets ({@code --config}, {@code
   *     --set}, {@code --data-dir}), so services see the configuration {@code up} was given
   */
  StackPlanner(
      PlatformConfig config,
      ComponentCatalog catalog,
      ComponentLauncher launcher,
      boolean withServices,
      Set<String> optionalServices,
      List<String> serviceConfigArguments) {
    this.config = requireNonNull(config, "config");
    this.withServices = withServices;
    this.optionalServices = Set.copyOf(optionalServices);
    this.serviceConfigArguments = List.copyOf(serviceConfigArguments);
    this.localHost = config.server().localHost();
    this.layout = new StackLayout(config.dataDir());
    this.catalog = requireNonNull(catalog, "catalog");
    this.launcher = requireNonNull(launcher, "launcher");
  }

  StackPlan plan() {
    StackSecrets secrets = StackSecrets.readOrCreate(layout);
    List<ManagedService> infrastructure = new ArrayList<>();

    boolean monitored = withServices && optionalServices.contains(MonitoringServices.NAME);
    List<ScrapeTarget> targets = new ArrayList<>();

    KafkaSettings kafkaSettings = config.kafka();
    KafkaConnection kafka;
    if (kafkaSettings.embedded()) {
      int port = port(KafkaSettings.PORT, "kafka");
      int controllerPort = port(KafkaSettings.CONTROLLER_PORT, "the kafka controller");
      kafka = new KafkaConnection(kafkaSettings.advertisedHost(config.server()) + ":" + port);
      List<String> arguments =
          new ArrayList<>(
              List.of(
                  "server", "kafka",
                  "--dir", layout.kafkaDir().toString(),
                  "--port", Integer.toString(port),
                  "--controller-port", Integer.toString(controllerPort),
                  "--partitions", Integer.toString(kafkaSettings.partitions())));
      if (monitored) {
        int exporterPort =
            allocate(
                MonitoringServices.KAFKA_EXPORTER_PORT,
                "the kafka JMX exporter",
                "the kafka JMX exporter's port");
        arguments.addAll(List.of("--metrics-port", Integer.toString(exporterPort)));
        targets.add(new ScrapeTarget(Connections.KAFKA, localHost + ":" + exporterPort, false));
      }
      infrastructure.add(
          embedded(
              Connections.KAFKA,
              kafka.bootstrapServers(),
              List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC"),
              arguments,
              Map.of(),
              HealthProbes.kafka(kafka)));
    } else {
      kafka = new KafkaConnection(kafkaSettings.bootstrapServers().orElseThrow());
      infrastructure.add(
          external(Connections.KAFKA, kafka.bootstrapServers(), HealthProbes.kafka(kafka)));
    }

    S3Settings s3Settings = config.s3();
    S3Connection s3;
    if (s3Settings.embedded()) {
      int port = port(S3Settings.PORT, "s3");
      s3 =
          new S3Connection(
              URI.create("http://%s:%d".formatted(localHost, port)),
              s3Settings.region(),
              s3Settings.accessKey().orElse(secrets.s3AccessKey()),
              s3Settings.secretKey().orElse(secrets.s3SecretKey()));
      infrastructure.add(
          embedded(
              Connections.S3,
              s3.endpoint().toString(),
              List.of("-Xmx512m", "-XX:+UseG1GC"),
              List.of(
                  "server",
                  "s3",
                  "--dir",
                  layout.s3Dir().toString(),
                  "--port",
                  Integer.toString(port)),
              Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()),
              HealthProbes.s3(s3)));
    } else {
      s3 =
          new S3Connection(
              s3Settings.endpoint().orElseThrow(),
              s3Settings.region(),
              s3Settings.accessKey().orElseThrow(),
              s3Settings.secretKey().orElseThrow());
      infrastructure.add(external(Connections.S3, s3.endpoint().toString(), HealthProbes.s3(s3)));
    }

    WarehouseSettings warehouseSettings = config.warehouse();
    DashboardSettings dashboardSettings = config.dashboard();
    WarehouseConnection warehouse;
    Optional<WarehouseConnection> warehouseReader;
    if (warehouseSettings.embedded()) {
      int port = port(WarehouseSettings.PORT, "postgres");
      warehouse =
          new WarehouseConnection(
              localHost,
              port,
              warehouseSettings.database(),
              warehouseSettings.user(),
              warehouseSettings.password().orElse(secrets.warehousePassword()));
      if (dashboardSettings.user().equals(warehouse.user())) {
        throw PlatformException.usage(
            ("dashboard.user (%s) must name a read-only role other than warehouse.user: the"
                    + " embedded PostgreSQL creates it.")
                .formatted(dashboardSettings.user()));
      }
      WarehouseConnection reader =
          new WarehouseConnection(
              localHost,
              port,
              warehouseSettings.database(),
              dashboardSettings.user(),
              dashboardSettings.password().orElse(secrets.warehouseReaderPassword()));
      warehouseReader = Optional.of(reader);
      infrastructure.add(
          embedded(
              Connections.POSTGRES,
              localHost + ":" + port,
              List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
              List.of(
                  "server", "postgres",
                  "--dir", layout.postgresDir().toString(),
                  "--port", Integer.toString(port),
                  "--database", warehouse.database(),
                  "--user", warehouse.user(),
                  "--reader-user", reader.user()),
              Map.of(
                  "WAREHOUSE_PASSWORD", warehouse.password(),
                  "WAREHOUSE_READER_PASSWORD", reader.password(),
                  "PLATFORM_POSTGRES_SUPERUSER_PASSWORD", secrets.postgresSuperuserPassword()),
              HealthProbes.postgres(warehouse)));
    } else {
      warehouse =
          new WarehouseConnection(
              warehouseSettings.host().orElseThrow(),
              warehouseSettings.port(),
              warehouseSettings.database(),
              warehouseSettings.user(),
              warehouseSettings.password().orElse(""));
      warehouseReader =
          dashboardSettings
              .password()
              .map(
                  password ->
                      new WarehouseConnection(
                          warehouse.host(),
                          warehouse.port(),
                          warehouse.database(),
                          dashboardSettings.user(),
                          password));
      infrastructure.add(
          external(
              Connections.POSTGRES,
              warehouse.host() + ":" + warehouse.port(),
              HealthProbes.postgres(warehouse)));
    }

    StackEndpoints endpoints = new StackEndpoints(kafka, s3, warehouse, warehouseReader);
    List<ManagedService> components = new ArrayList<>();
    for (ComponentCatalog.ServiceOfComponent service :
        withServices ? catalog.services() : List.<ComponentCatalog.ServiceOfComponent>of()) {
      if (!service.service().optional() || optionalServices.contains(service.service().name())) {
        components.add(component(service, endpoints, targets));
      }
    }
    if (monitored) {
      components.addAll(monitoring(endpoints, targets));
    }
    return new StackPlan(endpoints, infrastructure, components, notes);
  }

  private List<String> serviceArguments(ComponentDescriptor.Service definition, int port) {
    List<String> arguments = new ArrayList<>(definition.argsFor(port));
    arguments.addAll(serviceConfigArguments);
    return arguments;
  }

  /** Gives up the ports reserved for the stack (it has stopped). */
  void releasePorts() {
    ports.release();
  }

  private ManagedService embedded(
      String name,
      String endpoint,
      List<String> jvmOptions,
      List<String> args,
      Map<String, String> secretEnvironment,
      HealthProbe probe) {
    ComponentDescriptor infra =
        catalog
            .named(INFRA_COMPONENT)
            .orElseThrow(() -> new IllegalStateException("The infra component is not built"));
    return new ChildService(
        name,
        ServiceState.Kind.EMBEDDED,
        endpoint,
        () -> {
          List<String> arguments = new ArrayList<>(args);
          arguments.addAll(serviceConfigArguments);
          ComponentLaunch launch = launch(infra, jvmOptions, arguments);
          launch.builder().environment().putAll(secretEnvironment);
          return launch;
        },
        layout.logFile(name),
        probe);
  }

  /** Pushgateway, PostgreSQL exporter and Prometheus, scraping {@code targets} and themselves. */
  private List<ManagedService> monitoring(StackEndpoints endpoints, List<ScrapeTarget> targets) {
    MonitoringServices monitoring = monitoring();
    List<ManagedService> services = new ArrayList<>();
    List<ScrapeTarget> all = new ArrayList<>(targets);
    int pushgatewayPort =
        allocate(
            MonitoringServices.PUSHGATEWAY_PORT,
            SummaryPusher.PUSHGATEWAY_SERVICE,
            "the pushgateway's port");
    services.add(monitoring.pushgateway(pushgatewayPort));
    all.add(
        new ScrapeTarget(
            SummaryPusher.PUSHGATEWAY_SERVICE, localHost + ":" + pushgatewayPort, true));
    int exporterPort =
        allocate(
            MonitoringServices.POSTGRES_EXPORTER_PORT,
            MonitoringServices.POSTGRES_EXPORTER,
            "the postgres exporter's port");
    services.add(
        monitoring.postgresExporter(
            exporterPort, endpoints.warehouseReader().orElse(endpoints.warehouse())));
    all.add(
        new ScrapeTarget(
            MonitoringServices.POSTGRES_EXPORTER, localHost + ":" + exporterPort, false));
    int prometheusPort = port(MonitoringSettings.PROMETHEUS_PORT, MonitoringServices.PROMETHEUS);
    services.add(monitoring.prometheus(prometheusPort, all, config.monitoring().rulesDir()));
    return services;
  }

  private MonitoringServices monitoring() {
    return new MonitoringServices(layout, PlatformHome.locate());
  }

  private ManagedService component(
      ComponentCatalog.ServiceOfComponent service,
      StackEndpoints endpoints,
      List<ScrapeTarget> targets) {
    ComponentDescriptor.Service definition = service.service();
    int port = allocate(preferredPort(definition), definition.name(), portKeyName(definition));
    targets.add(new ScrapeTarget(definition.name(), localHost + ":" + port, false));
    URI health = URI.create("http://%s:%d/health".formatted(localHost, port));
    return new ChildService(
        definition.name(),
        ServiceState.Kind.COMPONENT,
        "http://%s:%d".formatted(localHost, port),
        () -> {
          ComponentLaunch launch =
              launch(service.component(), List.of(), serviceArguments(definition, port));
          launch.builder().environment().putAll(endpoints.environment());
          return launch;
        },
        layout.logFile(definition.name()),
        HealthProbes.http(health));
  }

  /** The service's port key's value when configured, else the descriptor's port. */
  private int preferredPort(ComponentDescriptor.Service definition) {
    return definition
        .portKey()
        .flatMap(ConfigKeys::byName)
        .filter(config::isConfigured)
        .flatMap(key -> config.find(key).map(Object.class::cast))
        .filter(Integer.class::isInstance)
        .map(Integer.class::cast)
        .orElse(definition.preferredPort());
  }

  private static String portKeyName(ComponentDescriptor.Service definition) {
    return definition.portKey().orElse("service." + definition.name() + ".port");
  }

  /** A service's launch: it lists its classes for an archive until it has one (dumped at stop). */
  private ComponentLaunch launch(
      ComponentDescriptor component, List<String> jvmOptions, List<String> args) {
    ComponentLaunch launch = launcher.recordingLaunch(component, jvmOptions, args);
    ProcessBuilder builder = launch.builder();
    if (Files.isExecutable(SETSID)) {
      // Its own session: Ctrl-C in the terminal reaches only the supervisor, which then stops
      // every service in order.
      List<String> command = new ArrayList<>(builder.command());
      command.add(0, SETSID.toString());
      builder.command(command);
    }
    builder
        .environment()
        .put(
            SupervisorWatchdog.SUPERVISOR_PID_VARIABLE,
            Long.toString(ProcessHandle.current().pid()));
    builder
        .environment()
        .put(PlatformSettings.DATA_DIR.environmentVariables().get(0), layout.dataDir().toString());
    return launch;
  }

  private ManagedService external(String name, String endpoint, HealthProbe probe) {
    notes.add("%s: using the existing server at %s".formatted(name, endpoint));
    return new ExternalService(name, endpoint, probe);
  }

  private int port(ConfigKey<Integer> key, String what) {
    return allocate(config.get(key), what, key.name());
  }

  private int allocate(int preferred, String what, String keyName) {
    PortAllocator.Allocation allocation = ports.allocate(preferred);
    if (allocation.fellBack()) {
      notes.add(
          "port %d (%s) is in use: %s listens on %d instead"
              .formatted(preferred, keyName, what, allocation.port()));
    }
    return allocation.port();
  }
}
