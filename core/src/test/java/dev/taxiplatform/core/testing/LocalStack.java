package dev.taxiplatform.core.testing;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real local stack (embedded Kafka, S3 and PostgreSQL as child processes) started the way a user
 * starts one, {@code ./platform up --detach}, in its own data directory. {@link #shared()} gives
 * one per test JVM, stopped when the JVM exits.
 */
public final class LocalStack implements AutoCloseable {
  private static LocalStack shared;

  private final Path dataDir;
  private final PlatformCli cli;
  private final PlatformConfig config;

  private LocalStack(Path dataDir, PlatformCli cli) {
    this.dataDir = requireNonNull(dataDir, "dataDir");
    this.cli = requireNonNull(cli, "cli");
    this.config = new ConfigLoader(Map.of(), dataDir).load(ConfigOverrides.dataDir(dataDir));
  }

  /** Starts a stack in {@code dataDir}; extra arguments go to {@code platform up}. */
  public static LocalStack start(Path dataDir, String... upArguments) {
    PlatformCli cli = PlatformCli.inDirectory(dataDir.getParent());
    List<String> args =
        new ArrayList<>(List.of("up", "--detach", "--data-dir", dataDir.toString()));
    args.addAll(List.of(upArguments));
    PlatformCli.Result result = cli.run(args.toArray(String[]::new));
    if (result.exitCode() != 0) {
      throw new AssertionError("platform up failed: " + result);
    }
    return new LocalStack(dataDir, cli);
  }

  /**
   * One stack of Kafka, S3 and PostgreSQL (no platform services) for the whole test JVM, in a
   * temporary directory, stopped at JVM exit.
   */
  public static synchronized LocalStack shared() {
    if (shared == null) {
      try {
        Path dataDir = Files.createTempDirectory("platform-test-stack").resolve("data");
        shared = start(dataDir, "--infrastructure-only");
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-test-stack"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The configuration a component run with {@code --data-dir} on this stack sees. */
  public PlatformConfig config() {
    return config;
  }

  /** Connections to this stack's servers. */
  public Connections connections() {
    return new Connections(config);
  }

  /** The launcher, for running other commands against this stack (add {@code --data-dir}). */
  public PlatformCli cli() {
    return cli;
  }

  @Override
  public void close() {
    cli.run("down", "--data-dir", dataDir.toString());
  }
}
