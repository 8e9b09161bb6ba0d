package dev.taxiplatform.image;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code podman} command with the settings this kind of machine needs (runtime {@code runc},
 * default ulimits, passed by {@code CONTAINERS_CONF}) and its own storage, so a test's images and
 * containers never meet anyone else's.
 */
final class Podman {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

  private final Path home;

  private Podman(Path home) {
    this.home = requireNonNull(home, "home");
  }

  /** A podman with its configuration and storage under {@code home}. */
  static Podman under(Path home) throws IOException {
    Files.createDirectories(home);
    Files.writeString(
        home.resolve("containers.conf"),
        """
        [containers]
        default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]

        [engine]
        runtime = "runc"
        """);
    return new Podman(home);
  }

  static boolean installed() {
    return Files.isExecutable(Path.of("/usr/bin/podman"));
  }

  /** Runs {@code podman ARGS}; its standard output, or an error with its output if it failed. */
  String run(String... args) {
    Result result = attempt(args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "podman %s exited with %d:%n%s%s"
              .formatted(
                  String.join(" ", args), result.exitCode(), result.output(), result.errors()));
    }
    return result.output().trim();
  }

  /** Runs {@code podman ARGS} and returns its exit code and output, whatever they are. */
  Result attempt(String... args) {
    List<String> command = new ArrayList<>();
    command.add("podman");
    command.add("--root=" + home.resolve("storage"));
    command.add("--runroot=" + home.resolve("run"));
    command.add("--tmpdir=" + home.resolve("tmp"));
    command.addAll(List.of(args));
    try {
      // Standard error apart: podman warns there (e.g. about syslog) even when a command succeeds.
      Path errors = Files.createTempFile(home, "podman", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(errors.toFile()));
      builder.environment().put("CONTAINERS_CONF", home.resolve("containers.conf").toString());
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("podman " + String.join(" ", args) + " did not finish");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      String error = Files.readString(errors);
      Files.delete(errors);
      return new Result(process.exitValue(), text, error);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run podman: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running podman", e);
    }
  }

  /** The host port that {@code containerPort} of a container is published on (127.0.0.1). */
  int hostPort(String container, int containerPort) {
    String mapping = run("port", container, containerPort + "/tcp");
    return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1).trim());
  }

  /** The outcome of one podman command: its exit code, standard output and standard error. */
  record Result(int exitCode, String output, String errors) {}
}
