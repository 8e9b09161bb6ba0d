package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.cli.VersionProvider;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import dev.taxiplatform.infra.provision.PlatformProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack: starts the servers and components as child processes in order, waits for
 * each to be healthy, provisions topics and buckets, records the stack's state for other commands,
 * restarts children that crashed or failed {@link #FAILED_CHECKS_BEFORE_RESTART} health checks in a
 * row (with backoff, never giving up: {@link RestartPolicy}), and stops the components, then the
 * servers.
 */
final class StackSupervisor {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /**
   * Health checks failed in a row (one every {@code stack.health-check-interval}) after which a
   * running server is restarted: a server whose real process died behind its wrapper, or that
   * hangs, serves nobody until then.
   */
  static final int FAILED_CHECKS_BEFORE_RESTART = 6;

  private final PlatformConfig config;
  private final Duration healthCheckInterval;
  private final StackLayout layout;
  private final StackPlanner planner;
  private final PrintStream out;
  private final Map<ManagedService, ServiceState.Health> health = new ConcurrentHashMap<>();
  private final Map<ManagedService, RestartPolicy> restartPolicies = new ConcurrentHashMap<>();
  private final Map<ManagedService, Instant> restartsDue = new ConcurrentHashMap<>();
  private final Map<ManagedService, Integer> failedChecks = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private StackPlan plan;

  StackSupervisor(PlatformConfig config, StackPlanner planner, PrintStream out) {
    this.config = requireNonNull(config, "config");
    this.healthCheckInterval = config.platform().healthCheckInterval();
    this.layout = new StackLayout(config.dataDir());
    this.planner = requireNonNull(planner, "planner");
    this.out = requireNonNull(out, "out");
  }

  /** Starts the stack and returns once every service is healthy. */
  void start() {
    Instant started = Instant.now();
    out.printf(
        "Taxi Platform %s: local stack in %s%n", VersionProvider.version(), layout.dataDir());
    plan = planner.plan();
    plan.notes().forEach(note -> out.println("  ! " + note));
    writeState(StackState.Status.STARTING, "starting");

    startAndAwait(plan.infrastructure());
    provision();
    startAndAwait(plan.components());

    // Print first, then record READY: `up --detach` returns once it sees READY and must have shown
    // the whole summary by then.
    out.printf("%nStack ready in %s:%n", seconds(Duration.between(started, Instant.now())));
    out.print(StatusTable.render(states(), Path.of("")));
    out.println();
    out.println("Use it from another shell:  eval \"$(./platform env)\"   then e.g.");
    out.println("  aws --endpoint-url \"$S3_ENDPOINT\" s3 ls        psql -c 'select 1'");
    out.flush();
    writeState(StackState.Status.READY, "ready");
  }

  /**
   * Watches the running stack until {@link #stop()}: restarts services that crashed or stopped
   * serving.
   */
  void monitor() {
    Instant lastHealthCheck = Instant.now();
    while (!stopping) {
      for (ManagedService service : services()) {
        if (stopping) {
          break;
        }
        Optional<Integer> exit = service.exitCode();
        if (exit.isPresent() && !restartsDue.containsKey(service)) {
          out.printf(
              "  ✗ %s exited unexpectedly (exit code %d). Last lines of its log:%n%s%n",
              service.name(), exit.get(), indent(service.logTail()));
          scheduleRestart(service, "it exited with code " + exit.get());
        }
        Instant due = restartsDue.get(service);
        if (due != null && !Instant.now().isBefore(due) && !stopping) {
          restartNow(service);
        }
      }
      if (Duration.between(lastHealthCheck, Instant.now()).compareTo(healthCheckInterval) >= 0) {
        checkHealth();
        lastHealthCheck = Instant.now();
      }
      sleep(POLL);
    }
    await(stopped);
  }

  /**
   * Stops every service: the components together, then the servers together (a component may still
   * write to a server while it stops: the sink flushes to S3 and commits to Kafka).
   */
  void stop() {
    synchronized (this) {
      if (stopping) {
        await(stopped);
        return;
      }
      stopping = true;
    }
    try {
      if (plan != null) {
        writeState(StackState.Status.STOPPING, "stopping");
        out.println("Stopping the stack ...");
        stopTogether(plan.components(), true);
        stopTogether(plan.infrastructure(), true);
      }
      StackState.delete(layout);
      planner.releasePorts();
      out.println("Stack stopped.");
      out.flush();
    } finally {
      stopped.countDown();
    }
  }

  /** Records a failed start for {@code up --detach} and {@code status}, then stops. */
  void fail(String message) {
    if (plan != null) {
      writeState(StackState.Status.FAILED, message);
      stopTogether(plan.components(), false);
      stopTogether(plan.infrastructure(), false);
      writeState(StackState.Status.FAILED, message);
    }
    planner.releasePorts();
    stopping = true;
    stopped.countDown();
  }

  private void startAndAwait(List<ManagedService> services) {
    Duration timeout = config.platform().startupTimeout();
    Instant started = Instant.now();
    for (ManagedService service : services) {
      service.start();
      health.put(service, ServiceState.Health.STARTING);
      out.printf(
          "  starting %s (%s) ...%n",
          service.name(), service.state(ServiceState.Health.STARTING).endpoint());
    }
    writeState(StackState.Status.STARTING, "starting");
    List<ManagedService> pending = new ArrayList<>(services);
    Map<ManagedService, String> problems = new LinkedHashMap<>();
    while (!pending.isEmpty()) {
      for (ManagedService service : List.copyOf(pending)) {
        Optional<Integer> exit = service.exitCode();
        if (exit.isPresent()) {
          throw startFailure(service, "it exited with code " + exit.get() + " while starting");
        }
        Optional<String> problem = service.problem();
        if (problem.isEmpty()) {
          pending.remove(service);
          health.put(service, ServiceState.Health.HEALTHY);
          out.printf(
              "  ✓ %s healthy in %s%n",
              service.name(), seconds(Duration.between(started, Instant.now())));
          writeState(StackState.Status.STARTING, "starting");
        } else {
          problems.put(service, problem.get());
        }
      }
      if (!pending.isEmpty() && Duration.between(started, Instant.now()).compareTo(timeout) > 0) {
        ManagedService late = pending.get(0);
        throw startFailure(
            late,
            "it was not healthy within %s (stack.startup-timeout): %s"
                .formatted(seconds(timeout), problems.get(late)));
      }
      if (!pending.isEmpty()) {
        sleep(POLL);
      }
    }
    out.flush();
  }

  private void provision() {
    try {
      List<String> lines =
          new PlatformProvisioner(config)
              .provision(Optional.of(plan.endpoints().kafka()), plan.endpoints().s3());
      lines.forEach(line -> out.println("  ✓ " + line));
    } catch (Exception e) {
      throw new PlatformException(
          ExitCodes.UNAVAILABLE, "Provisioning topics and buckets failed: " + e.getMessage(), e);
    }
  }

  private PlatformException startFailure(ManagedService service, String reason) {
    String tail = service.logTail();
    String message =
        "%s failed to start: %s.%s"
            .formatted(
                service.name(),
                reason,
                tail.isBlank()
                    ? ""
                    : "%nLast lines of %s:%n%s"
                        .formatted(layout.logFile(service.name()), indent(tail)));
    return new PlatformException(ExitCodes.UNAVAILABLE, message);
  }

  private void scheduleRestart(ManagedService service, String why) {
    Instant now = Instant.now();
    Duration delay =
        restartPolicies
            .computeIfAbsent(service, s -> RestartPolicy.standard())
            .delayAfterFailure(now);
    restartsDue.put(service, now.plus(delay));
    health.put(service, ServiceState.Health.RESTARTING);
    out.printf("  ↻ restarting %s in %s (%s)%n", service.name(), seconds(delay), why);
    writeState(StackState.Status.READY, "restarting " + service.name());
    out.flush();
  }

  /** Restarts the service and waits (up to the start-up timeout) until it is healthy again. */
  private void restartNow(ManagedService service) {
    restartsDue.remove(service);
    failedChecks.remove(service);
    Instant restarted = Instant.now();
    restartPolicies.computeIfAbsent(service, s -> RestartPolicy.standard()).restarted(restarted);
    out.printf("  ↻ restarting %s ...%n", service.name());
    service.restart();
    while (!stopping && service.exitCode().isEmpty()) {
      if (service.problem().isEmpty()) {
        health.put(service, ServiceState.Health.HEALTHY);
        out.printf(
            "  ✓ %s healthy again in %s%n",
            service.name(), seconds(Duration.between(restarted, Instant.now())));
        break;
      }
      if (Duration.between(restarted, Instant.now()).compareTo(config.platform().startupTimeout())
          > 0) {
        health.put(service, ServiceState.Health.UNHEALTHY);
        out.printf("  ✗ %s is running but not healthy after its restart%n", service.name());
        break;
      }
      sleep(POLL);
    }
    writeState(StackState.Status.READY, "ready");
    out.flush();
  }

  private void checkHealth() {
    boolean changed = false;
    for (ManagedService service : services()) {
      ServiceState.Health before = health.get(service);
      if (stopping
          || before == ServiceState.Health.EXITED
          || before == ServiceState.Health.RESTARTING
          || service.exitCode().isPresent()) {
        continue;
      }
      Optional<String> problem = service.problem();
      int failed = problem.isEmpty() ? 0 : failedChecks.merge(service, 1, Integer::sum);
      if (problem.isEmpty()) {
        failedChecks.remove(service);
      }
      ServiceState.Health now =
          problem.isEmpty() ? ServiceState.Health.HEALTHY : ServiceState.Health.UNHEALTHY;
      if (now != before) {
        health.put(service, now);
        changed = true;
        out.printf(
            "  %s %s is %s%s%n",
            now == ServiceState.Health.HEALTHY ? "✓" : "!",
            service.name(),
            now.name().toLowerCase(Locale.ROOT),
            problem.map(p -> ": " + p).orElse(""));
      }
      if (failed >= FAILED_CHECKS_BEFORE_RESTART && service.restartWhenUnhealthy()) {
        scheduleRestart(
            service,
            "%d health checks failed in a row: %s".formatted(failed, problem.orElseThrow()));
      }
    }
    if (changed && !stopping) {
      writeState(StackState.Status.READY, "ready");
    }
  }

  /** Stops {@code services} concurrently and returns when all have stopped. */
  private void stopTogether(List<ManagedService> services, boolean report) {
    List<Thread> stopping = new ArrayList<>();
    for (ManagedService service : services) {
      Thread thread =
          new Thread(
              () -> {
                service.stop(STOP_GRACE);
                if (report) {
                  synchronized (out) {
                    out.printf("  stopped %s%n", service.name());
                  }
                }
              },
              "stop-" + service.name());
      thread.start();
      stopping.add(thread);
    }
    for (Thread thread : stopping) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<ManagedService> services() {
    List<ManagedService> all = new ArrayList<>(plan.infrastructure());
    all.addAll(plan.components());
    return all;
  }

  private List<ServiceState> states() {
    return services().stream()
        .map(s -> s.state(health.getOrDefault(s, ServiceState.Health.STARTING)))
        .toList();
  }

  private synchronized void writeState(StackState.Status status, String message) {
    new StackState(ProcessHandle.current().pid(), status, Instant.now(), message, states())
        .write(layout);
  }

  private static String indent(String text) {
    return text.lines()
        .map(line -> "    | " + line)
        .reduce((a, b) -> a + System.lineSeparator() + b)
        .orElse("");
  }

  static String seconds(Duration duration) {
    return duration.toMillis() >= 60_000 && duration.toMillis() % 60_000 == 0
        ? duration.toMinutes() + " min"
        : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
