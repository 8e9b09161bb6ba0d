package dev.taxiplatform.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class of the test's own classpath run as a process of its own, so a test can install a
 * failure-injection hook in a real component and kill that process (SIGKILL) exactly there.
 */
public final class TestJvm {
  private TestJvm() {}

  /** Starts {@code main} with {@code args}; stdout and stderr go to {@code log}. */
  public static Process start(Class<?> main, List<String> args, Path log) throws IOException {
    return start(main, List.of("-Xmx512m"), args, log);
  }

  /** Starts {@code main} with JVM options {@code jvmOptions} (e.g. a larger heap for Spark). */
  public static Process start(Class<?> main, List<String> jvmOptions, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    String home = System.getProperty("platform.home");
    if (home != null) {
      command.add("-Dplatform.home=" + home);
    }
    command.add(main.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }
}
