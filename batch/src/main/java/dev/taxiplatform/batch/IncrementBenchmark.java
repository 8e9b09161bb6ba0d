package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.batch.BatchRunOptions;
import dev.taxiplatform.core.batch.BatchRunRequest;
import dev.taxiplatform.core.batch.BatchServiceAnswer;
import dev.taxiplatform.core.batch.BatchServiceClient;
import dev.taxiplatform.core.bench.BenchReport;
import dev.taxiplatform.core.bench.Percentiles;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ChildStopHook;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.ForegroundProcess;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The batch step as the pipeline runs it, {@code platform batch} on a small increment after a
 * warm-up: submitted to a warm batch service, as the orchestrator submits a pipeline's batch task
 * (timed from the submission to the service's answer), and in its own process, as the orchestrator
 * runs it when no service runs (JVM and Spark started for the run; timed from process start to
 * exit). Both over the same number of runs of the same size; the medians are compared.
 */
final class IncrementBenchmark {
  private static final Duration SERVICE_START = Duration.ofMinutes(3);

  /** How long a stopped child (the service, a run's process) is given to end. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  /** Writes the {@code index}th increment of new raw rides. */
  @FunctionalInterface
  interface Increments {
    void write(int index) throws Exception;
  }

  private final List<String> configArguments;
  private final Increments increments;
  private final PrintStream out;
  private int nextIncrement;

  IncrementBenchmark(List<String> configArguments, Increments increments, PrintStream out) {
    this.configArguments = List.copyOf(configArguments);
    this.increments = requireNonNull(increments, "increments");
    this.out = requireNonNull(out, "out");
  }

  /**
   * Times {@code runs} increments of {@code rows} on each side, after {@code warmUpRuns} through
   * the service (its JIT-compiled code keeps improving over the first runs); reports the medians.
   */
  void run(long rows, int warmUpRuns, int runs, BenchReport report) throws Exception {
    Path home = PlatformHome.locate();
    ComponentDescriptor batch =
        ComponentCatalog.discover(home)
            .named("batch")
            .orElseThrow(() -> new IllegalStateException("The batch component is not built"));
    ComponentLauncher launcher = new ComponentLauncher(home);
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path log = Files.createTempFile("batch-service", ".log");
    out.printf("Starting a batch service on %s (log %s) ...%n", endpoint, log);
    Process service =
        launcher
            .processBuilder(
                batch,
                List.of(),
                arguments(BatchServiceCommand.SERVICE, "--port", Integer.toString(port)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ChildStopHook stopService = ChildStopHook.register(service, "batch-service", STOP_WAIT);
    try {
      awaitReady(endpoint, service, log);
      BatchServiceClient client = new BatchServiceClient(endpoint);
      BatchRunRequest request = request();
      Step viaService = () -> timeSubmission(client, request);
      Step inOwnProcess = () -> timeProcess(launcher, batch, "--in-process");
      for (int i = 1; i <= warmUpRuns; i++) {
        out.printf(
            "Warm-up %d of %d: %,d new raw rows through the service ...%n", i, warmUpRuns, rows);
        increments.write(nextIncrement++);
        viaService.seconds();
      }
      long warm = timedRuns("through the warm service", rows, runs, viaService);
      long inProcess = timedRuns("in-process", rows, runs, inOwnProcess);

      residentMegabytes(service)
          .ifPresent(
              mb -> {
                out.printf("  batch service resident memory after the runs: %,.0f MB%n", mb);
                report.add("batch_service_resident_mb", mb, "MB");
              });
      String label = rows % 1000 == 0 ? (rows / 1000) + "k" : Long.toString(rows);
      report.add(
          "batch_step_seconds_warm_service_" + label,
          warm / 1000.0,
          "s",
          "batch_step_seconds_in_process_" + label,
          inProcess / 1000.0);
    } finally {
      service.destroy();
      if (!service.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
      stopService.remove();
    }
  }

  /** One batch step, timed. */
  @FunctionalInterface
  private interface Step {
    double seconds() throws Exception;
  }

  /**
   * Times {@code runs} increments of {@code rows}, each followed by {@code step}; the median (ms).
   */
  private long timedRuns(String how, long rows, int runs, Step step) throws Exception {
    long[] millis = new long[runs];
    for (int i = 0; i < runs; i++) {
      out.printf("Increment %d of %d: %,d new raw rows %s ...%n", i + 1, runs, rows, how);
      increments.write(nextIncrement++);
      millis[i] = Math.round(step.seconds() * 1000);
    }
    long median = new Percentiles(millis).at(0.5);
    out.printf(
        "  %s: %s s, median %.1f s%n",
        how,
        Arrays.stream(millis)
            .mapToObj(ms -> "%.1f".formatted(ms / 1000.0))
            .collect(Collectors.joining(", ")),
        median / 1000.0);
    return median;
  }

  /** The run {@code platform batch} with the benchmark's configuration asks of a service. */
  private BatchRunRequest request() {
    BatchRunOptions options = BatchRunOptions.parse(configArguments);
    return options.request(options.load(ConfigLoader.fromSystem()));
  }

  private double timeSubmission(BatchServiceClient client, BatchRunRequest request) {
    long start = System.nanoTime();
    BatchServiceAnswer answer =
        client
            .submit(request)
            .orElseThrow(
                () ->
                    PlatformException.failed(
                        "The batch service at %s did not take the run".formatted(client.endpoint()),
                        null));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!answer.succeeded()) {
      throw new PlatformException(
          answer.exitCode(), "The batch run failed during the benchmark: " + answer.message());
    }
    out.print(answer.rendered());
    out.printf("  submitted to the batch service: %.1f s to its answer%n", seconds);
    return seconds;
  }

  private double timeProcess(ComponentLauncher launcher, ComponentDescriptor batch, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(BatchRunOptions.COMMAND));
    args.addAll(List.of(extra));
    ProcessBuilder run =
        launcher
            .processBuilder(batch, List.of(), arguments(args.toArray(String[]::new)))
            .inheritIO();
    long start = System.nanoTime();
    int exit = ForegroundProcess.run(run, "platform-batch", STOP_WAIT);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new PlatformException(
          exit, "platform batch exited with code %d during the benchmark".formatted(exit));
    }
    out.printf(
        "  platform batch %s: %.1f s from process start to exit%n",
        String.join(" ", extra), seconds);
    return seconds;
  }

  private List<String> arguments(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(configArguments);
    return args;
  }

  private static void awaitReady(URI endpoint, Process service, Path log) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + SERVICE_START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!service.isAlive()) {
        throw PlatformException.failed(
            "The batch service exited with code %d; see %s".formatted(service.exitValue(), log),
            null);
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(endpoint.resolve("/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw PlatformException.failed(
        "The batch service was not ready within %s; see %s".formatted(SERVICE_START, log), null);
  }

  /** The process's resident memory, where the system tells it (Linux). */
  private static java.util.Optional<Double> residentMegabytes(Process process) {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").trim();
          return java.util.Optional.of(Long.parseLong(kilobytes) / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or the process is gone: nothing to report.
    }
    return java.util.Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
