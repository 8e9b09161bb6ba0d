package dev.taxiplatform.core.connect;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.DashboardSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.config.S3Settings;
import dev.taxiplatform.core.config.WarehouseSettings;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackSecrets;
import dev.taxiplatform.core.stack.StackState;
import java.net.URI;
import java.util.Optional;

/**
 * Resolves where Kafka, S3 and the warehouse are. A configured server always wins; otherwise the
 * local stack running for the configured data directory says where its servers listen. Either way
 * the caller gets the same kind of connection: one code path for embedded and external servers.
 */
public final class Connections {
  /** Service names under which the local stack records its servers. */
  public static final String KAFKA = "kafka";

  public static final String S3 = "s3";
  public static final String POSTGRES = "postgres";

  private final PlatformConfig config;
  private final StackLayout layout;

  public Connections(PlatformConfig config) {
    this.config = requireNonNull(config, "config");
    this.layout = new StackLayout(config.dataDir());
  }

  public KafkaConnection kafka() {
    return config
        .kafka()
        .bootstrapServers()
        .map(KafkaConnection::new)
        .orElseGet(
            () -> new KafkaConnection(stackEndpoint(KAFKA, "Kafka", "KAFKA_BOOTSTRAP_SERVERS")));
  }

  public S3Connection s3() {
    S3Settings s3 = config.s3();
    if (s3.endpoint().isPresent()) {
      return new S3Connection(
          s3.endpoint().get(),
          s3.region(),
          s3.accessKey().orElseThrow(),
          s3.secretKey().orElseThrow());
    }
    URI endpoint = URI.create(stackEndpoint(S3, "S3", "S3_ENDPOINT"));
    StackSecrets secrets = secrets();
    return new S3Connection(
        endpoint,
        s3.region(),
        s3.accessKey().orElse(secrets.s3AccessKey()),
        s3.secretKey().orElse(secrets.s3SecretKey()));
  }

  public WarehouseConnection warehouse() {
    WarehouseSettings warehouse = config.warehouse();
    if (warehouse.host().isPresent()) {
      return new WarehouseConnection(
          warehouse.host().get(),
          warehouse.port(),
          warehouse.database(),
          warehouse.user(),
          warehouse.password().orElse(""));
    }
    String endpoint = stackEndpoint(POSTGRES, "PostgreSQL", "WAREHOUSE_HOST");
    int colon = endpoint.lastIndexOf(':');
    return new WarehouseConnection(
        endpoint.substring(0, colon),
        Integer.parseInt(endpoint.substring(colon + 1)),
        warehouse.database(),
        warehouse.user(),
        warehouse.password().orElse(secrets().warehousePassword()));
  }

  /**
   * The warehouse's read-only login, for readers such as the dashboard: {@code dashboard.user} with
   * {@code dashboard.password} on the warehouse {@link #warehouse()} resolves; on the local stack
   * the password defaults to the one generated for its read-only role. Empty when an existing
   * server is configured without {@code dashboard.password} (or the stack predates the role).
   */
  public Optional<WarehouseConnection> warehouseReader() {
    DashboardSettings dashboard = config.dashboard();
    WarehouseConnection warehouse = warehouse();
    Optional<String> password = dashboard.password();
    if (password.isEmpty() && config.warehouse().embedded()) {
      password =
          StackSecrets.read(layout)
              .map(StackSecrets::warehouseReaderPassword)
              .filter(p -> !p.isEmpty());
    }
    return password.map(
        p ->
            new WarehouseConnection(
                warehouse.host(), warehouse.port(), warehouse.database(), dashboard.user(), p));
  }

  private String stackEndpoint(String service, String what, String variable) {
    StackState state =
        StackState.read(layout)
            .filter(StackState::supervisorAlive)
            .orElseThrow(() -> noStack(what, variable));
    return state
        .service(service)
        .map(ServiceState::endpoint)
        .orElseThrow(() -> noStack(what, variable));
  }

  private StackSecrets secrets() {
    return StackSecrets.read(layout)
        .orElseThrow(
            () ->
                new PlatformException(
                    ExitCodes.UNAVAILABLE,
                    "No credentials in %s: the local stack has not been started with this data directory."
                        .formatted(layout.secretsFile())));
  }

  private PlatformException noStack(String what, String variable) {
    return new PlatformException(
        ExitCodes.UNAVAILABLE,
        ("%s is not configured and no local stack is running for data directory %s. Start one with"
                + " `./platform up --detach` (or `--data-dir` to pick the stack), or set %s to use an"
                + " existing server.")
            .formatted(what, layout.dataDir(), variable));
  }
}
