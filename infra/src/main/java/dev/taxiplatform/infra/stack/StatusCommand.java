package dev.taxiplatform.infra.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform status}: what the stack runs, where, and whether it is healthy right now. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the local stack of a data directory: each service, where it listens, its process and"
          + " its health (checked now).",
      "Exit code: 0 all healthy, 1 something unhealthy, 3 no stack running."
    })
public final class StatusCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(names = "--json", description = "Print the state as JSON.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    PlatformConfig config = configOptions.load();
    StackLayout layout = new StackLayout(config.dataDir());
    Optional<StackState> recorded = StackState.read(layout);
    if (recorded.isEmpty()) {
      System.out.printf(
          "No stack is running for data directory %s. Start one with `./platform up`.%n",
          layout.dataDir());
      return ExitCodes.UNAVAILABLE;
    }
    StackState state = recorded.get();
    if (!state.supervisorAlive()) {
      if (state.status() == StackState.Status.FAILED) {
        System.out.printf(
            "The last start of the stack in %s failed:%n%s%n", layout.dataDir(), state.message());
      } else {
        System.out.printf(
            "The stack's supervisor (pid %d) is gone. Run `./platform down` to clean up, then `./platform up`.%n",
            state.supervisorPid());
      }
      return ExitCodes.UNAVAILABLE;
    }
    Connections connections = new Connections(config);
    List<ServiceState> live =
        state.services().stream().map(service -> checkNow(service, connections)).toList();
    StackState current =
        new StackState(state.supervisorPid(), state.status(), Instant.now(), state.message(), live);
    if (json) {
      System.out.println(
          new ObjectMapper()
              .registerModule(new JavaTimeModule())
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(current));
    } else {
      System.out.printf(
          "Stack %s (supervisor pid %d, data directory %s):%n",
          state.status().name().toLowerCase(Locale.ROOT), state.supervisorPid(), layout.dataDir());
      System.out.print(StatusTable.render(live, Path.of("")));
    }
    boolean healthy =
        state.status() == StackState.Status.READY
            && live.stream().allMatch(s -> s.health() == ServiceState.Health.HEALTHY);
    return healthy ? ExitCodes.SUCCESS : ExitCodes.FAILED;
  }

  /** The service's health now: its process is alive and it answers over its own protocol. */
  private static ServiceState checkNow(ServiceState service, Connections connections) {
    if (service.pid() > 0 && !Processes.isAlive(service.pid())) {
      return service.withHealth(ServiceState.Health.EXITED);
    }
    if (service.health() == ServiceState.Health.STARTING
        || service.health() == ServiceState.Health.RESTARTING) {
      return service;
    }
    Optional<String> problem =
        service.kind() == ServiceState.Kind.COMPONENT
            ? HealthProbes.http(URI.create(service.endpoint() + "/health")).problem()
            : serverProbe(service, connections).problem();
    return service.withHealth(
        problem.isEmpty() ? ServiceState.Health.HEALTHY : ServiceState.Health.UNHEALTHY);
  }

  /** The server's own protocol where the stack knows it, else whether its port answers. */
  private static HealthProbe serverProbe(ServiceState service, Connections connections) {
    return switch (service.name()) {
      case Connections.KAFKA -> HealthProbes.kafka(connections.kafka());
      case Connections.S3 -> HealthProbes.s3(connections.s3());
      case Connections.POSTGRES -> HealthProbes.postgres(connections.warehouse());
      default -> () -> reachable(service.endpoint());
    };
  }

  private static Optional<String> reachable(String endpoint) {
    String first = endpoint.split(",")[0];
    if (first.contains("://")) {
      URI uri = URI.create(first);
      return HealthProbes.tcp(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort());
    }
    int colon = first.lastIndexOf(':');
    return HealthProbes.tcp(
        first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
  }
}
