package dev.taxiplatform.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping processes politely, then firmly. */
public final class Processes {
  private static final Duration EXIT_POLL = Duration.ofMillis(50);
  private static final Duration FOREVER = Duration.ofDays(365);

  private Processes() {}

  /**
   * Asks a process to stop (SIGTERM), waits up to {@code grace}, then kills it (SIGKILL).
   *
   * @return true when it stopped within the grace period
   */
  public static boolean stop(ProcessHandle process, Duration grace) {
    if (hasExited(process)) {
      return true;
    }
    process.destroy();
    try {
      if (awaitExit(process, grace)) {
        return true;
      }
      process.destroyForcibly();
      awaitExit(process, FOREVER);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }

  /**
   * True when a process has exited: it is gone, or it is a zombie its parent has not reaped yet (it
   * holds no port, file or memory any more). Java counts a zombie as alive, and waits for a process
   * that is not its child by polling every few hundred milliseconds; a stack's supervisor runs
   * detached, so without this {@code platform down} would wait until some init process reaps it.
   */
  static boolean hasExited(ProcessHandle process) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // pid (command) state ...: the command may hold spaces and parentheses.
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'Z' || state == 'X';
    } catch (IOException | RuntimeException e) {
      return !process.isAlive();
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration limit)
      throws InterruptedException {
    CompletableFuture<ProcessHandle> exited = process.onExit();
    long deadline = System.nanoTime() + limit.toNanos();
    while (!hasExited(process)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        exited.get(Math.min(left, EXIT_POLL.toNanos()), TimeUnit.NANOSECONDS);
        return true;
      } catch (TimeoutException e) {
        // Still running: look again.
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    return true;
  }

  /**
   * A process's full command line, arguments separated by spaces. Read from {@code /proc} where it
   * exists, because {@link ProcessHandle.Info#commandLine()} drops the arguments of long command
   * lines (a component's classpath makes them long).
   */
  public static String commandLine(ProcessHandle process) {
    Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      byte[] bytes = Files.readAllBytes(cmdline);
      return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException e) {
      return process.info().commandLine().orElse("");
    }
  }

  /** True when a process with this id runs (a zombie has stopped: see {@link #hasExited}). */
  public static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(p -> !hasExited(p)).orElse(false);
  }
}
