package dev.taxiplatform.dashboard;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
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
      return StackState.liveEndpoint(layout, SERVICE).map(URI::create);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
