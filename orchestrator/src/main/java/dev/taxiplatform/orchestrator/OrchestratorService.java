package dev.taxiplatform.orchestrator;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.metrics.JvmMeters;
import dev.taxiplatform.orchestrator.engine.PipelineEngine;
import dev.taxiplatform.orchestrator.state.LeaderLock;
import dev.taxiplatform.orchestrator.web.OrchestratorWeb;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running orchestrator: its web server, and its engine driven once per tick while it holds
 * the leader lock (a second orchestrator on the same database stands by and serves its UI).
 */
public final class OrchestratorService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OrchestratorService.class);
  private static final Duration TICK = Duration.ofMillis(500);
  private static final Duration HEARTBEAT = Duration.ofSeconds(5);

  private final OrchestratorRuntime runtime;
  private final PipelineEngine engine;
  private final OrchestratorWeb web;
  private final Thread loop;
  private final JvmMeters jvmMeters;
  private final AtomicReference<Instant> lastTick = new AtomicReference<>(Instant.now());
  private volatile boolean stopping;
  private volatile boolean storeReached;
  private LeaderLock leadership;

  private OrchestratorService(OrchestratorRuntime runtime, PrometheusMeterRegistry registry) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.jvmMeters = JvmMeters.bindTo(registry);
    Clock clock = Clock.systemUTC();
    this.engine = runtime.engine(registry, clock);
    this.web =
        OrchestratorWeb.start(
            runtime.config().server().bindHost(),
            runtime.config().orchestrator().port(),
            runtime.pipelines(),
            runtime.store(),
            registry,
            this::healthy,
            this::ready,
            clock);
    this.loop = new Thread(this::run, "orchestrator-engine");
  }

  /** Starts the web server and the engine loop. */
  public static OrchestratorService start(OrchestratorRuntime runtime) {
    OrchestratorService service =
        new OrchestratorService(runtime, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    service.loop.start();
    return service;
  }

  public int port() {
    return web.port();
  }

  /** Ready once its loop has reached the orchestrator's database, while it still does. */
  boolean ready() {
    return storeReached && !stopping;
  }

  /** Healthy while its engine loop keeps ticking. */
  boolean healthy() {
    return !stopping
        && Duration.between(lastTick.get(), Instant.now()).compareTo(Duration.ofSeconds(30)) < 0;
  }

  private void run() {
    Instant lastHeartbeat = Instant.MIN;
    while (!stopping) {
      try {
        if (leadership != null && !leadership.held()) {
          LOG.warn(
              "Orchestrator {} lost its leader lock (its session ended)", runtime.instanceId());
          releaseLeadership();
        }
        if (leadership == null) {
          acquireLeadership();
        }
        if (leadership != null) {
          engine.tick();
          if (Duration.between(lastHeartbeat, Instant.now()).compareTo(HEARTBEAT) >= 0) {
            runtime.store().heartbeat(runtime.instanceId());
            lastHeartbeat = Instant.now();
          }
        }
        lastTick.set(Instant.now());
        storeReached = true;
      } catch (SQLException e) {
        storeReached = false;
        LOG.warn("The warehouse database is unreachable ({}); retrying", e.getMessage());
        releaseLeadership();
      } catch (RuntimeException e) {
        LOG.error("Engine step failed; retrying", e);
      }
      sleep(TICK);
    }
  }

  private void acquireLeadership() throws SQLException {
    Optional<LeaderLock> lock = runtime.tryLeadership();
    if (lock.isEmpty()) {
      return;
    }
    leadership = lock.get();
    runtime
        .store()
        .registerInstance(runtime.instanceId(), ProcessHandle.current().pid(), hostName());
    engine.recover();
    LOG.info("Orchestrator {} is active", runtime.instanceId());
  }

  private void releaseLeadership() {
    if (leadership != null) {
      leadership.close();
      leadership = null;
    }
  }

  @Override
  public void close() {
    stopping = true;
    try {
      loop.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (leadership != null) {
      try {
        engine.stopAll();
      } catch (SQLException e) {
        LOG.warn("Could not record the stopped attempts: {}", e.getMessage());
      }
    }
    releaseLeadership();
    web.close();
    jvmMeters.close();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
