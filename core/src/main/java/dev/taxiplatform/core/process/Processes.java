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

  /** True when a process with this id is alive. */
  public static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
