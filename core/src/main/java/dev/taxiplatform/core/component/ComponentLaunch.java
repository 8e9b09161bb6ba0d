package dev.taxiplatform.core.component;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A component's process about to start, from {@link ComponentLauncher#recordingLaunch}: the caller
 * configures and starts {@link #builder()}, waits for the process and reports its exit code to
 * {@link #ended}, which turns the classes it may have listed into its class data archive.
 */
public final class ComponentLaunch {
  private final ProcessBuilder builder;
  private final IntFunction<Optional<Process>> ended;

  /**
   * A launch of {@code builder} whose end {@code ended} handles: given the exit code, it returns
   * the background process it started, if any.
   */
  public ComponentLaunch(ProcessBuilder builder, IntFunction<Optional<Process>> ended) {
    this.builder = requireNonNull(builder, "builder");
    this.ended = requireNonNull(ended, "ended");
  }

  /** A process that is not a component's: nothing to keep when it ends. */
  public static ComponentLaunch of(ProcessBuilder builder) {
    return new ComponentLaunch(builder, exitCode -> Optional.empty());
  }

  public ProcessBuilder builder() {
    return builder;
  }

  /**
   * The process ended with {@code exitCode}: if it listed its classes and ended well, a background
   * process (returned) now dumps them into its class data archive.
   */
  public Optional<Process> ended(int exitCode) {
    return ended.apply(exitCode);
  }
}
