package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.stack.ServiceState;
import java.time.Duration;
import java.util.Optional;

/** A server the configuration points at: the stack only checks that it answers. */
final class ExternalService implements ManagedService {
  private final String name;
  private final String endpoint;
  private final HealthProbe probe;

  ExternalService(String name, String endpoint, HealthProbe probe) {
    this.name = requireNonNull(name, "name");
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.probe = requireNonNull(probe, "probe");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() {}

  @Override
  public Optional<String> problem() {
    return probe.problem();
  }

  @Override
  public Optional<Integer> exitCode() {
    return Optional.empty();
  }

  @Override
  public boolean restart() {
    return false;
  }

  @Override
  public boolean restartWhenUnhealthy() {
    return false;
  }

  @Override
  public void stop(Duration grace) {}

  @Override
  public String logTail() {
    return "";
  }

  @Override
  public ServiceState state(ServiceState.Health health) {
    return new ServiceState(name, ServiceState.Kind.EXTERNAL, 0, endpoint, health, 0, "");
  }
}
