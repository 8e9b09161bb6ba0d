package dev.taxiplatform.core.component;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import java.io.IOException;
import java.time.Duration;

/**
 * A child process run in the foreground of this one: its exit code is this command's. When this JVM
 * is asked to stop (SIGTERM, Ctrl-C), the child is asked too and given time for its own orderly
 * shutdown before this JVM exits.
 */
public final class ForegroundProcess {
  private ForegroundProcess() {}

  /**
   * Starts {@code builder} and waits for it.
   *
   * @param name what runs, for messages and the stop thread's name
   * @param stopWait how long a stop waits for the child
   */
  public static int run(ProcessBuilder builder, String name, Duration stopWait) {
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PlatformException(ExitCodes.FAILED, "Cannot start " + name + ": " + e, e);
    }
    ChildStopHook stop = ChildStopHook.register(process, name, stopWait);
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILED;
    } finally {
      stop.remove();
    }
  }
}
