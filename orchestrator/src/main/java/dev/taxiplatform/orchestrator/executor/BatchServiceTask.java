package dev.taxiplatform.orchestrator.executor;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.batch.BatchRunOptions;
import dev.taxiplatform.core.batch.BatchRunRequest;
import dev.taxiplatform.core.batch.BatchServiceAnswer;
import dev.taxiplatform.core.batch.BatchServiceClient;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.cli.TaskSummaryFile;
import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An attempt of a {@code platform batch} task that the orchestrator submits to a batch service
 * itself, as the command would, without a process of its own: the service's warm Spark session runs
 * it, and the attempt's log and summary file get what the command would have written. When the
 * service turns out unreachable or serves other buckets, nothing was run, and the attempt runs as
 * the command's own process instead (which runs Spark in-process).
 */
final class BatchServiceTask implements RunningTask {
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);

  /** The attempt's process, started when the service does not take the run. */
  @FunctionalInterface
  interface Fallback {
    RunningTask start() throws IOException;
  }

  /**
   * What to submit.
   *
   * @param service the batch service
   * @param request the run
   * @param summaryFile where the run's summary goes as JSON
   */
  record Submission(URI service, BatchRunRequest request, Path summaryFile) {
    Submission {
      requireNonNull(service, "service");
      requireNonNull(request, "request");
      requireNonNull(summaryFile, "summaryFile");
    }

    /**
     * The run of {@code launch} when it is a {@code platform batch} attempt that the command would
     * send to a batch service (configured, or the stack's), read with the configuration its process
     * would see: {@code environment}, in {@code workingDirectory}.
     */
    static Optional<Submission> of(
        TaskLaunch launch, Map<String, String> environment, Path workingDirectory) {
      if (!(launch.task().spec() instanceof TaskSpec.Platform platform)
          || !platform.command().equals(BatchRunOptions.COMMAND)) {
        return Optional.empty();
      }
      try {
        BatchRunOptions options = BatchRunOptions.parse(platform.args());
        PlatformConfig config = options.load(new ConfigLoader(environment, workingDirectory));
        Path summaryFile =
            options.summaryJson().orElse(TaskSummaryFile.besideLog(launch.logFile()));
        return options
            .service(config)
            .map(service -> new Submission(service, options.request(config), summaryFile));
      } catch (RuntimeException badUsageOrConfiguration) {
        // The command's own process reports it, as it would without a service.
        return Optional.empty();
      }
    }
  }

  private final TaskLaunch launch;
  private final Submission submission;
  private final BatchServiceClient client;
  private final Fallback fallback;
  private final Thread thread;
  private final AtomicReference<Integer> exitCode = new AtomicReference<>();
  private final AtomicReference<String> failure = new AtomicReference<>("");
  private volatile RunningTask process;
  private boolean killed;

  private BatchServiceTask(TaskLaunch launch, Submission submission, Fallback fallback) {
    this.launch = requireNonNull(launch, "launch");
    this.submission = requireNonNull(submission, "submission");
    this.client = new BatchServiceClient(submission.service());
    this.fallback = requireNonNull(fallback, "fallback");
    this.thread = new Thread(this::run, "task-" + launch.attemptName());
    this.thread.setDaemon(true);
  }

  /** Submits the attempt's run on a thread of its own. */
  static BatchServiceTask start(TaskLaunch launch, Submission submission, Fallback fallback) {
    BatchServiceTask task = new BatchServiceTask(launch, submission, fallback);
    task.thread.start();
    return task;
  }

  private void run() {
    try {
      log(
          "[%s] attempt %d of %s: submitted to the batch service at %s (warm Spark session)%n",
          Instant.now(), launch.attempt(), launch.task().id(), submission.service());
      Optional<BatchServiceAnswer> answer = client.submit(submission.request());
      if (answer.isEmpty()) {
        log(
            "[%s] the batch service at %s is not reachable or serves other buckets: the attempt"
                + " runs in its own process%n",
            Instant.now(), submission.service());
        startProcess();
        return;
      }
      if (!answer.get().succeeded()) {
        fail(answer.get().exitCode(), answer.get().message());
        return;
      }
      log("%s", answer.get().rendered());
      answer.get().writeSummary(submission.summaryFile());
      exitCode.set(ExitCodes.SUCCESS);
    } catch (PlatformException e) {
      fail(e.exitCode(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      fail(ExitCodes.FAILED, e.toString());
    }
  }

  private void startProcess() throws IOException {
    synchronized (this) {
      if (killed) {
        fail(ExitCodes.FAILED, "stopped before its process started");
        return;
      }
      process = fallback.start();
    }
  }

  private void fail(int code, String message) {
    try {
      log("error: %s%n", message);
    } catch (IOException e) {
      // The exit code and failure detail still say it.
    }
    failure.set(message);
    exitCode.set(code);
  }

  private void log(String format, Object... args) throws IOException {
    Files.createDirectories(launch.logFile().getParent());
    try (PrintWriter writer =
        new PrintWriter(
            Files.newBufferedWriter(
                launch.logFile(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
      writer.printf(format, args);
    }
  }

  @Override
  public Optional<Integer> exitCode() {
    RunningTask started = process;
    return started != null ? started.exitCode() : Optional.ofNullable(exitCode.get());
  }

  @Override
  public long processId() {
    RunningTask started = process;
    return started != null ? started.processId() : 0;
  }

  @Override
  public void kill() {
    synchronized (this) {
      killed = true;
    }
    client.abandon();
    try {
      thread.join(KILL_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RunningTask started = process;
    if (started != null) {
      started.kill();
    }
  }

  @Override
  public String failureDetail() {
    RunningTask started = process;
    return started != null ? started.failureDetail() : failure.get();
  }
}
