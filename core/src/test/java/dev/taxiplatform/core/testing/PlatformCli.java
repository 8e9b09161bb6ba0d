package dev.taxiplatform.core.testing;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.component.ClassDataSharing;
import dev.taxiplatform.core.component.PlatformHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code ./platform} launcher as a user would, in a child process, and captures what it
 * prints. The build step is skipped: tests run after the build.
 */
public final class PlatformCli {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final Path home;
  private final Path workingDirectory;
  private final Map<String, String> environment;

  private PlatformCli(Path home, Path workingDirectory, Map<String, String> environment) {
    this.home = requireNonNull(home, "home");
    this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory");
    this.environment = Map.copyOf(environment);
  }

  /** The launcher of the platform under test (found through {@code -Dplatform.home}). */
  public static PlatformCli inDirectory(Path workingDirectory) {
    return new PlatformCli(PlatformHome.locate(), workingDirectory, Map.of());
  }

  /** The same launcher with extra environment variables. */
  public PlatformCli withEnvironment(Map<String, String> extra) {
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(extra);
    return new PlatformCli(home, workingDirectory, merged);
  }

  public Result run(String... args) {
    return run(DEFAULT_TIMEOUT, args);
  }

  public Result run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("platform").toString());
    command.addAll(List.of(args));
    try {
      Path output = Files.createTempFile("platform-cli", ".out");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(PlatformCli::isPlatformVariable);
        builder.environment().put("PLATFORM_SKIP_BUILD", "1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError(
              "platform %s did not finish within %s; it printed:%n%s"
                  .formatted(String.join(" ", args), timeout, Files.readString(output)));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Keeps the developer's own platform settings out of tests. The build's switch for class data
   * archives (set for every test, see the root POM) passes.
   */
  private static boolean isPlatformVariable(String name) {
    return (name.startsWith("PLATFORM_") && !name.equals(ClassDataSharing.VARIABLE))
        || name.startsWith("KAFKA_")
        || name.startsWith("S3_")
        || name.startsWith("WAREHOUSE_")
        || name.startsWith("AWS_")
        || name.equals("RAW_BUCKET")
        || name.equals("PROCESSED_BUCKET");
  }

  /**
   * What a command did.
   *
   * @param exitCode its exit code
   * @param output what it printed (stdout and stderr)
   */
  public record Result(int exitCode, String output) {
    @Override
    public String toString() {
      return "exit code %d, output:%n%s".formatted(exitCode, output);
    }
  }
}
