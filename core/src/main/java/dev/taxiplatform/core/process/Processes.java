package dev.taxiplatform.core.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping processes politely, then firmly. */
public final class Processes {
  private Processes() {}

  /**
   * Asks a process to stop (SIGTERM), waits up to {@code grace}, then kills it (SIGKILL).
   *
   * @return true when it stopped within the grace period
   */
  public static boolean stop(ProcessHandle process, Duration grace) {
    if (!process.isAlive()) {
      return true;
    }
    CompletableFuture<ProcessHandle> exited = process.onExit();
    process.destroy();
    try {
      exited.get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      process.destroyForcibly();
      exited.join();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when a process with this id is alive. */
  public static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
