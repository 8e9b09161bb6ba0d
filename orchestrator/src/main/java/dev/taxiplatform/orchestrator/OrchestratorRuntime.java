package dev.taxiplatform.orchestrator;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.OrchestratorSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.config.PlatformSettings;
import dev.taxiplatform.core.connect.ConnectionEnvironment;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.metrics.SummaryPusher;
import dev.taxiplatform.core.raw.RawLayout;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.orchestrator.engine.AttemptLogs;
import dev.taxiplatform.orchestrator.engine.EngineMetrics;
import dev.taxiplatform.orchestrator.engine.PipelineEngine;
import dev.taxiplatform.orchestrator.engine.TransformSummaryPush;
import dev.taxiplatform.orchestrator.executor.KubernetesJobRunner;
import dev.taxiplatform.orchestrator.executor.LocalProcessRunner;
import dev.taxiplatform.orchestrator.executor.TaskRunner;
import dev.taxiplatform.orchestrator.executor.TaskRunners;
import dev.taxiplatform.orchestrator.executor.WaitRunner;
import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.pipeline.PipelineLoader;
import dev.taxiplatform.orchestrator.state.LeaderLock;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PooledDataSource;
import dev.taxiplatform.orchestrator.streaming.KubernetesStreamingRunner;
import dev.taxiplatform.orchestrator.streaming.SinkDrain;
import dev.taxiplatform.orchestrator.streaming.StreamingRunner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The orchestrator's parts, wired from the platform's configuration. */
public final class OrchestratorRuntime implements AutoCloseable {
  private final PlatformConfig config;
  private final Path home;
  private final ComponentCatalog catalog;
  private final ComponentLauncher launcher;
  private final Map<String, PipelineDefinition> pipelines;
  private final HikariDataSource dataSource;
  private final OrchestratorStore store;
  private final Connections connections;
  private final String instanceId = UUID.randomUUID().toString();

  private OrchestratorRuntime(PlatformConfig config) {
    this.config = requireNonNull(config, "config");
    this.home = PlatformHome.locate();
    this.catalog = ComponentCatalog.discover(home);
    this.launcher = new ComponentLauncher(home);
    Set<String> commands =
        catalog.components().stream()
            .flatMap(c -> c.commands().stream().map(ComponentDescriptor.Command::name))
            .collect(Collectors.toSet());
    Path pipelinesDir =
        config
            .orchestrator()
            .pipelinesDir()
            .map(Path::toAbsolutePath)
            .orElse(home.resolve("pipelines"));
    this.pipelines = new PipelineLoader(commands).loadDirectory(pipelinesDir);
    this.connections = new Connections(config);
    this.dataSource = PooledDataSource.create(connections.warehouse(), "orchestrator", 8);
    this.store = new OrchestratorStore(dataSource);
  }

  /** Wires the orchestrator and makes sure its tables exist. */
  public static OrchestratorRuntime create(PlatformConfig config) {
    OrchestratorRuntime runtime = new OrchestratorRuntime(config);
    try {
      runtime.store.migrate();
    } catch (RuntimeException e) {
      runtime.close();
      throw new PlatformException(
          ExitCodes.UNAVAILABLE,
          "Cannot reach the warehouse database to keep the orchestrator's state: " + rootMessage(e),
          e);
    }
    return runtime;
  }

  public Map<String, PipelineDefinition> pipelines() {
    return pipelines;
  }

  public OrchestratorStore store() {
    return store;
  }

  public String instanceId() {
    return instanceId;
  }

  public PlatformConfig config() {
    return config;
  }

  /** An engine running the pipelines with this configuration's executor. */
  public PipelineEngine engine(MeterRegistry registry, Clock clock) {
    StackLayout layout = new StackLayout(config.dataDir());
    TaskRunner processes;
    TaskRunner streaming;
    if (config.orchestrator().executor() == OrchestratorSettings.Executor.KUBERNETES) {
      KubernetesClient kubernetes = new KubernetesClientBuilder().build();
      String namespace = config.orchestrator().kubernetesNamespace();
      processes =
          new KubernetesJobRunner(
              kubernetes,
              namespace,
              config.orchestrator().kubernetesImage(),
              config.orchestrator().kubernetesServiceAccount());
      String sink = KubernetesStreamingRunner.sinkEndpoint(namespace, config.sink().metricsPort());
      streaming =
          new KubernetesStreamingRunner(
              kubernetes, namespace, SinkDrain.of(config, Optional.of(sink)));
    } else {
      processes = new LocalProcessRunner(home, catalog, launcher, this::taskEnvironment);
      streaming =
          new StreamingRunner(config, catalog, launcher, store, this::taskEnvironment, home);
    }
    TaskRunners runners =
        new TaskRunners(
            processes,
            new WaitRunner(this::rawObjectsSince, config.orchestrator().maxWait()),
            streaming);
    return new PipelineEngine(
        pipelines,
        store,
        runners,
        new AttemptLogs(layout.logsDir().resolve("pipelines")),
        clock,
        instanceId,
        new EngineMetrics(registry, clock),
        new TransformSummaryPush(() -> SummaryPusher.forConfig(config)));
  }

  /** Takes the leader lock (one active orchestrator per database) on a connection of its own. */
  public Optional<LeaderLock> tryLeadership() throws SQLException {
    return LeaderLock.tryAcquire(connections.warehouse()::open);
  }

  /**
   * What every task process gets: the connections (so components, including those that read no
   * platform configuration, reach the same servers) and the data directory.
   */
  Map<String, String> taskEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(PlatformSettings.DATA_DIR.environmentVariables().get(0), config.dataDir().toString());
    try {
      env.putAll(ConnectionEnvironment.all(connections));
    } catch (PlatformException unavailable) {
      // The task reports the missing connection itself.
    }
    return env;
  }

  private int rawObjectsSince(Instant since) {
    try (S3Client client = connections.s3().client()) {
      return (int)
          client
              .listObjectsV2Paginator(
                  b ->
                      b.bucket(config.s3().rawBucket())
                          .prefix(RawLayout.topicPrefix(config.kafka().topic())))
              .contents()
              .stream()
              .map(S3Object::lastModified)
              .filter(modified -> !modified.isBefore(since))
              .count();
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
