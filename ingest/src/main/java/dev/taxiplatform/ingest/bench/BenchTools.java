package dev.taxiplatform.ingest.bench;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's performance tools as the {@code bench-tools} component runs them (its own classpath and
 * JVM): each run's output is echoed, indented, and returned.
 */
final class BenchTools {
  private final ComponentDescriptor tools;
  private final ComponentLauncher launcher;
  private final PrintStream out;

  BenchTools(ComponentCatalog catalog, ComponentLauncher launcher, PrintStream out) {
    this.tools =
        catalog
            .named("bench-tools")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The bench-tools component is not built: build the platform (mvn package)"));
    this.launcher = requireNonNull(launcher, "launcher");
    this.out = requireNonNull(out, "out");
  }

  /** Runs {@code tool} ({@code producer-performance}, ...) to its end; returns its output lines. */
  List<String> run(String tool, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(tool);
    command.addAll(args);
    ProcessBuilder builder = launcher.processBuilder(tools, List.of(), command);
    builder.redirectErrorStream(true);
    List<String> output = new ArrayList<>();
    try {
      Process process = builder.start();
      try (var lines = process.inputReader().lines()) {
        for (String line : (Iterable<String>) lines::iterator) {
          out.println("    " + line);
          output.add(line);
        }
      }
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(tool + " failed; its output is above");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return output;
  }
}
