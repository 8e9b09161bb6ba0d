package dev.taxiplatform.dashboard;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the orchestrator's UI is, for the freshness panel's link: the configured URL, else the
 * local stack's orchestrator service while the stack runs.
 */
final class OrchestratorLink implements Supplier<Optional<URI>> {
  private static final String SERVICE = "orchestrator";

  private final Optional<URI> configured;
  private final StackLayout layout;

  OrchestratorLink(Optional<URI> configured, StackLayout layout) {
    this.configured = requireNonNull(configured, "configured");
    this.layout = requireNonNull(layout, "layout");
  }

  @Override
  public Optional<URI> get() {
    if (configured.isPresent()) {
      return configured;
    }
    try {
      return StackState.read(layout)
          .filter(StackState::supervisorAlive)
          .flatMap(state -> state.service(SERVICE))
          .filter(service -> service.health() != ServiceState.Health.EXITED)
          .map(service -> URI.create(service.endpoint()));
    } catch (UncheckedIOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
