package dev.taxiplatform.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The module's Node.js checks (node/): installs their packages with {@code npm ci} from the
 * committed lock file when missing, then runs a script with input on stdin.
 */
final class NodeTools {
  private final Path directory;

  NodeTools(Path directory) {
    this.directory = requireNonNull(directory, "directory");
  }

  static NodeTools ofProject() {
    return new NodeTools(Path.of("node").toAbsolutePath());
  }

  /** Runs {@code node script args...} with {@code input} on stdin; returns stdout. */
  String run(String script, String input, String... args) {
    ensureInstalled();
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    Result result = exec(command, input);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "node %s failed (exit %d): %s".formatted(script, result.exitCode(), result.stderr()));
    }
    return result.stdout();
  }

  /** Runs a script expected to fail; returns its stderr. */
  String runFailing(String script, String input, String... args) {
    ensureInstalled();
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    Result result = exec(command, input);
    if (result.exitCode() == 0) {
      throw new IllegalStateException(
          "node %s succeeded; a failure was expected".formatted(script));
    }
    return result.stderr();
  }

  private synchronized void ensureInstalled() {
    if (everyDependencyInstalled()) {
      return;
    }
    Result install = exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), "");
    if (install.exitCode() != 0) {
      throw new IllegalStateException(
          "npm ci in %s failed: %s".formatted(directory, install.stderr()));
    }
  }

  /** True when node_modules holds every dependency package.json declares (one added: npm ci). */
  private boolean everyDependencyInstalled() {
    try {
      JsonNode manifest =
          JsonMapper.builder().build().readTree(directory.resolve("package.json").toFile());
      for (var names = manifest.path("dependencies").fieldNames(); names.hasNext(); ) {
        if (!Files.isRegularFile(
            directory.resolve("node_modules").resolve(names.next()).resolve("package.json"))) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + directory.resolve("package.json"), e);
    }
  }

  private Result exec(List<String> command, String input) {
    try {
      Path stdout = Files.createTempFile("node-out", ".txt");
      Path stderr = Files.createTempFile("node-err", ".txt");
      try {
        Process process =
            new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try (var stdin = process.getOutputStream()) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {}
}
