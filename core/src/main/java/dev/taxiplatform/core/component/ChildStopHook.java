package dev.taxiplatform.core.component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stops a child process when this JVM is asked to stop (SIGTERM, Ctrl-C) while the child runs, and
 * gives it time for its own orderly shutdown, so no child outlives the command that started it. Its
 * owner removes it once the child has ended or been stopped.
 */
public final class ChildStopHook {
  private final Thread hook;

  private ChildStopHook(Thread hook) {
    this.hook = hook;
  }

  /**
   * Registers the hook for {@code process}.
   *
   * @param name what runs, for the stop thread's name
   * @param stopWait how long a stop waits for the child
   */
  public static ChildStopHook register(Process process, String name, Duration stopWait) {
    return register(name, () -> stop(process, stopWait));
  }

  /**
   * Registers {@code stop}, which stops what children started (e.g. a detached stack), to run when
   * this JVM is asked to stop.
   *
   * @param name what it stops, for the stop thread's name
   */
  public static ChildStopHook register(String name, Runnable stop) {
    Thread hook = new Thread(stop, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(hook);
    return new ChildStopHook(hook);
  }

  /**
   * Removes the hook: the child has ended, or its owner is stopping it.
   *
   * @return false when the hook was removed before, or this JVM is already shutting down (the hook
   *     then stops the child itself)
   */
  public boolean remove() {
    try {
      return Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static void stop(Process process, Duration stopWait) {
    process.destroy();
    try {
      process.waitFor(stopWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
