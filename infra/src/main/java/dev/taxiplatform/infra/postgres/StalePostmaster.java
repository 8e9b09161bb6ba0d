package dev.taxiplatform.infra.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on a cluster directory by a process that died without stopping
 * it. It holds the directory and its port, so it is shut down (fast mode) before a new start.
 */
final class StalePostmaster {
  private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

  private StalePostmaster() {}

  static void stopIfRunning(Path clusterDir) {
    postmasterPid(clusterDir)
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(StalePostmaster::isPostgres)
        .ifPresent(process -> stop(process, clusterDir));
  }

  private static Optional<Long> postmasterPid(Path clusterDir) {
    Path pidFile = clusterDir.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.endsWith("postgres")).orElse(false);
  }

  private static void stop(ProcessHandle process, Path clusterDir) {
    LOG.warn(
        "PostgreSQL (pid {}) from an earlier run still holds {}; shutting it down first.",
        process.pid(),
        clusterDir);
    try {
      // SIGINT is PostgreSQL's "fast" shutdown: it ends open sessions and shuts down cleanly.
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
          .inheritIO()
          .start()
          .waitFor();
      process.onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "PostgreSQL (pid %d) from an earlier run holds %s and did not stop; stop it and retry."
              .formatted(process.pid(), clusterDir),
          e);
    }
  }
}
