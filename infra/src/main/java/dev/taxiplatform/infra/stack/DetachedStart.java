package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.process.Processes;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code platform up --detach}: starts the supervisor as a background process in its own session
 * (it survives the terminal), shows its progress, and returns once the stack is ready or has
 * failed.
 */
final class DetachedStart {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final PlatformConfig config;
  private final StackLayout layout;
  private final ComponentCatalog catalog;
  private final ComponentLauncher launcher;
  private final PrintStream out;

  DetachedStart(
      PlatformConfig config,
      StackLayout layout,
      ComponentCatalog catalog,
      ComponentLauncher launcher,
      PrintStream out) {
    this.config = requireNonNull(config, "config");
    this.layout = requireNonNull(layout, "layout");
    this.catalog = requireNonNull(catalog, "catalog");
    this.launcher = requireNonNull(launcher, "launcher");
    this.out = requireNonNull(out, "out");
  }

  @SuppressWarnings("try") // held, unused, while this start runs
  int run(List<String> configArguments) {
    try (StackLock starting = StackLock.acquireStart(layout)) {
      return start(configArguments);
    }
  }

  private int start(List<String> configArguments) {
    if (StackLock.isHeld(layout)) {
      throw StackLock.alreadyRunning(layout);
    }
    Path log = layout.logFile("supervisor");
    Process supervisor = startSupervisor(configArguments, log);
    long offset = 0;
    Instant deadline =
        Instant.now().plus(config.platform().startupTimeout().multipliedBy(2)).plusSeconds(30);
    while (true) {
      offset = echo(log, offset);
      Optional<StackState> state =
          StackState.read(layout).filter(s -> s.supervisorPid() == supervisor.pid());
      if (state.isPresent() && state.get().status() == StackState.Status.READY) {
        echo(log, offset);
        out.printf(
            "Supervisor running in the background (pid %d); its log: %s%n", supervisor.pid(), log);
        return ExitCodes.SUCCESS;
      }
      if (!supervisor.isAlive()) {
        echo(log, offset);
        String reason =
            state
                .filter(s -> s.status() == StackState.Status.FAILED)
                .map(StackState::message)
                .orElse("");
        throw new PlatformException(
            supervisor.exitValue() == ExitCodes.USAGE ? ExitCodes.USAGE : ExitCodes.UNAVAILABLE,
            "The stack did not start (supervisor exit code %d)%s. Its log: %s"
                .formatted(
                    supervisor.exitValue(),
                    reason.isEmpty() ? "" : ": " + reason.lines().findFirst().orElse(""),
                    log));
      }
      if (Instant.now().isAfter(deadline)) {
        Processes.stop(supervisor.toHandle(), Duration.ofSeconds(60));
        throw new PlatformException(
            ExitCodes.UNAVAILABLE, "The stack was not ready in time; stopped it. Its log: " + log);
      }
      sleep();
    }
  }

  private Process startSupervisor(List<String> configArguments, Path log) {
    ComponentDescriptor infra =
        catalog
            .named("infra")
            .orElseThrow(() -> new IllegalStateException("The infra component is not built"));
    List<String> args = new ArrayList<>();
    args.add("up");
    args.addAll(configArguments);
    ProcessBuilder builder = launcher.processBuilder(infra, List.of(), args);
    if (Files.isExecutable(SETSID)) {
      List<String> command = new ArrayList<>(builder.command());
      command.add(0, SETSID.toString());
      builder.command(command);
    }
    builder.environment().put(UpCommand.DETACHED_VARIABLE, "1");
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "");
      return builder
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the stack supervisor", e);
    }
  }

  /** Prints what the supervisor logged since {@code offset}; returns the new offset. */
  private long echo(Path log, long offset) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      if (length <= offset) {
        return offset;
      }
      byte[] bytes = new byte[(int) (length - offset)];
      file.seek(offset);
      file.readFully(bytes);
      int end = lastNewline(bytes);
      if (end < 0) {
        return offset;
      }
      out.print(new String(bytes, 0, end + 1, StandardCharsets.UTF_8));
      out.flush();
      return offset + end + 1;
    } catch (IOException e) {
      return offset;
    }
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
