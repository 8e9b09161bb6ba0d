package dev.taxiplatform.core.bench;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ChildStopHook;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh local stack for one benchmark run, started and stopped the way a user does ({@code
 * platform up --detach}, {@code platform down}) in its own data directory, deleted afterwards; a
 * benchmark stopped while it runs (SIGTERM, Ctrl-C) takes it down too.
 */
public final class BenchStack implements AutoCloseable {
  private final ComponentLauncher launcher;
  private final ComponentDescriptor infra;
  private final Path dataDir;
  private final PrintStream out;
  private ChildStopHook stopWithThisJvm;

  private BenchStack(
      ComponentLauncher launcher, ComponentDescriptor infra, Path dataDir, PrintStream out) {
    this.launcher = launcher;
    this.infra = infra;
    this.dataDir = dataDir;
    this.out = out;
  }

  /**
   * Starts the stack in {@code dataDir} (emptied first), printing its output indented to {@code
   * out}; {@code upArguments} go to {@code platform up}, e.g. {@code --infrastructure-only}.
   */
  public static BenchStack start(
      ComponentCatalog catalog,
      ComponentLauncher launcher,
      Path dataDir,
      PrintStream out,
      String... upArguments) {
    requireNonNull(dataDir, "dataDir");
    ComponentDescriptor infra =
        catalog
            .named("infra")
            .orElseThrow(() -> new IllegalStateException("The infra component is not built"));
    deleteRecursively(dataDir);
    BenchStack stack = new BenchStack(launcher, infra, dataDir, out);
    stack.stopWithThisJvm = ChildStopHook.register("benchmark-stack", stack::stop);
    List<String> up = new java.util.ArrayList<>(List.of("up", "--detach"));
    up.addAll(List.of(upArguments));
    int exit = stack.run(up.toArray(String[]::new));
    if (exit != 0) {
      // Left as it is for its logs, as before.
      stack.stopWithThisJvm.remove();
      throw new PlatformException(
          ExitCodes.UNAVAILABLE,
          "The benchmark's stack did not start (exit code %d); see %s"
              .formatted(exit, dataDir.resolve("logs")));
    }
    return stack;
  }

  /** The stack's data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The configuration a command run with {@code --data-dir} on this stack sees. */
  public PlatformConfig config() {
    return new ConfigLoader(Map.of(), dataDir.getParent()).load(ConfigOverrides.dataDir(dataDir));
  }

  /** Connections to this stack's servers. */
  public Connections connections() {
    return new Connections(config());
  }

  @Override
  public void close() {
    if (stopWithThisJvm.remove()) {
      stop();
    }
  }

  private void stop() {
    run("down");
    deleteRecursively(dataDir);
  }

  private int run(String... command) {
    List<String> args = new java.util.ArrayList<>(List.of(command));
    args.add("--data-dir");
    args.add(dataDir.toString());
    ProcessBuilder builder = launcher.processBuilder(infra, List.of(), args);
    builder.redirectErrorStream(true);
    try {
      Process process = builder.start();
      try (var lines = process.inputReader().lines()) {
        lines.forEach(line -> out.println("    " + line));
      }
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return ExitCodes.FAILED;
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILED;
    }
  }

  /** Deletes a benchmark's working directory and everything in it, if it exists. */
  public static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + directory, e);
    }
  }
}
