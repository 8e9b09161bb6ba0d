package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.component.ComponentLaunch;
import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.stack.ServiceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A service the stack runs as a child process: an embedded server or a component. Its output goes
 * to its log file. It can always be restarted; how soon is the supervisor's {@link RestartPolicy}.
 */
final class ChildService implements ManagedService {
  private static final int LOG_TAIL_LINES = 20;
  private static final Duration RESTART_GRACE = Duration.ofSeconds(15);
  private static final Duration REAP_WAIT = Duration.ofSeconds(5);

  private final String name;
  private final ServiceState.Kind kind;
  private final String endpoint;
  private final Supplier<ComponentLaunch> launches;
  private final Path logFile;
  private final HealthProbe probe;
  private int restarts;
  private Process process;
  private ComponentLaunch launch;

  ChildService(
      String name,
      ServiceState.Kind kind,
      String endpoint,
      Supplier<ComponentLaunch> launches,
      Path logFile,
      HealthProbe probe) {
    this.name = requireNonNull(name, "name");
    this.kind = requireNonNull(kind, "kind");
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.launches = requireNonNull(launches, "launches");
    this.logFile = requireNonNull(logFile, "logFile");
    this.probe = requireNonNull(probe, "probe");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void start() {
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          "---- %s starting %s ----%n".formatted(Instant.now(), name),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      launch = launches.get();
      process =
          launch
              .builder()
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  @Override
  public Optional<String> problem() {
    Optional<Integer> exit = exitCode();
    if (exit.isPresent()) {
      return Optional.of("its process exited with code " + exit.get());
    }
    return probe.problem();
  }

  @Override
  public synchronized Optional<Integer> exitCode() {
    return process == null || process.isAlive()
        ? Optional.empty()
        : Optional.of(process.exitValue());
  }

  @Override
  public boolean restartWhenUnhealthy() {
    return kind == ServiceState.Kind.EMBEDDED;
  }

  @Override
  public boolean restart() {
    // What is left of it (a wrapper whose server died, a hung process) goes first.
    stop(RESTART_GRACE);
    synchronized (this) {
      restarts++;
      start();
    }
    return true;
  }

  @Override
  public void stop(Duration grace) {
    Process current;
    ComponentLaunch currentLaunch;
    synchronized (this) {
      current = process;
      currentLaunch = launch;
    }
    if (current != null) {
      Processes.stop(current.toHandle(), grace);
      try {
        // Gone, or a zombie this process reaps now: its exit code says whether it ended well.
        if (current.waitFor(REAP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          currentLaunch.ended(current.exitValue());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(),
          lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read %s: %s)".formatted(logFile, e.getMessage());
    }
  }

  @Override
  public synchronized ServiceState state(ServiceState.Health health) {
    long pid = process == null ? 0 : process.pid();
    return new ServiceState(name, kind, pid, endpoint, health, restarts, logFile.toString());
  }
}
