package dev.taxiplatform.core.stack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the local stack keeps things inside its data directory. One data directory, one stack: two
 * stacks with different data directories run side by side.
 *
 * @param dataDir the data directory (absolute)
 */
public record StackLayout(Path dataDir) {
  public StackLayout {
    requireNonNull(dataDir, "dataDir");
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** Files describing the running stack: its state and its lock. */
  public Path runDir() {
    return dataDir.resolve("run");
  }

  /** The running stack's state, written by the supervisor. */
  public Path stateFile() {
    return runDir().resolve("stack.json");
  }

  /** Held by the supervisor while it runs, so only one stack uses this data directory. */
  public Path lockFile() {
    return runDir().resolve("stack.lock");
  }

  /** Log files of the supervisor and everything it runs. */
  public Path logsDir() {
    return dataDir.resolve("logs");
  }

  public Path logFile(String name) {
    return logsDir().resolve(name + ".log");
  }

  /** Credentials generated for the embedded servers (readable by the owner only). */
  public Path secretsFile() {
    return dataDir.resolve("secrets.properties");
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path s3Dir() {
    return dataDir.resolve("s3");
  }

  public Path postgresDir() {
    return dataDir.resolve("postgres");
  }
}
