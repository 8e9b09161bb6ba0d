package dev.taxiplatform.orchestrator.executor;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An attempt whose work runs on a thread of the orchestrator itself (waits, streaming control),
 * logging to the attempt's log file. Its exit code is 0 when the work returns, 1 when it throws.
 */
public final class InProcessTask implements RunningTask {
  private final Thread thread;
  private final AtomicReference<Integer> exitCode = new AtomicReference<>();
  private final AtomicReference<String> failure = new AtomicReference<>("");

  private InProcessTask(String name, Path logFile, Work work) {
    this.thread =
        new Thread(
            () -> {
              try (PrintWriter log = openLog(logFile)) {
                try {
                  work.run(new Log(log));
                  exitCode.set(0);
                } catch (InterruptedException e) {
                  log.printf("[%s] interrupted%n", Instant.now());
                  failure.set("interrupted");
                  exitCode.set(1);
                } catch (Exception e) {
                  log.printf("[%s] failed: %s%n", Instant.now(), e.getMessage());
                  e.printStackTrace(log);
                  failure.set(e.getMessage() == null ? e.toString() : e.getMessage());
                  exitCode.set(1);
                }
              }
            },
            "task-" + name);
    this.thread.setDaemon(true);
  }

  /** Starts {@code work} on a thread of its own, logging to {@code logFile}. */
  public static InProcessTask start(String name, Path logFile, Work work) {
    InProcessTask task = new InProcessTask(name, logFile, work);
    task.thread.start();
    return task;
  }

  @Override
  public Optional<Integer> exitCode() {
    return Optional.ofNullable(exitCode.get());
  }

  @Override
  public long processId() {
    return 0;
  }

  @Override
  public void kill() {
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String failureDetail() {
    return failure.get();
  }

  private static PrintWriter openLog(Path logFile) {
    try {
      Files.createDirectories(logFile.getParent());
      return new PrintWriter(
          Files.newBufferedWriter(
              logFile,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND),
          true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Work done on the attempt's thread. */
  @FunctionalInterface
  public interface Work {
    void run(Log log) throws Exception;
  }

  /** The attempt's log. */
  public static final class Log {
    private final PrintWriter writer;

    Log(PrintWriter writer) {
      this.writer = writer;
    }

    /** Writes a time-stamped line. */
    public void line(String format, Object... args) {
      writer.printf("[%s] %s%n", Instant.now(), format.formatted(args));
    }
  }
}
