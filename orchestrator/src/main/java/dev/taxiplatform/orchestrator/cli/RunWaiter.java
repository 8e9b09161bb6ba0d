package dev.taxiplatform.orchestrator.cli;

import dev.taxiplatform.orchestrator.OrchestratorRuntime;
import dev.taxiplatform.orchestrator.engine.PipelineEngine;
import dev.taxiplatform.orchestrator.state.LeaderLock;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Follows a run until it finishes, running the engine here when no orchestrator is active. */
public final class RunWaiter {
  private static final Duration POLL = Duration.ofMillis(500);

  private RunWaiter() {}

  /** Follows a run to its end, printing each task's progress; returns the finished run. */
  public static PipelineRun await(OrchestratorRuntime runtime, long runId, java.io.PrintStream out)
      throws Exception {
    RunProgress progress = new RunProgress(runtime.store(), runId, out);
    Optional<LeaderLock> leadership = runtime.tryLeadership();
    PipelineEngine engine = null;
    if (leadership.isPresent()) {
      out.println("No orchestrator is running: running the pipeline here.");
      engine = runtime.engine(new SimpleMeterRegistry(), Clock.systemUTC());
      engine.recover();
    }
    try {
      while (true) {
        if (engine != null) {
          engine.tick();
        }
        PipelineRun run = progress.update();
        if (run.state().finished()) {
          return run;
        }
        Thread.sleep(POLL.toMillis());
      }
    } finally {
      if (engine != null) {
        engine.stopAll();
      }
      if (leadership.isPresent()) {
        leadership.get().close();
      }
    }
  }

  /** A run's duration so far, e.g. {@code 12.3 s}. */
  public static String duration(PipelineRun run) {
    if (run.startedAt().isEmpty()) {
      return "-";
    }
    Duration duration =
        Duration.between(run.startedAt().get(), run.endedAt().orElse(Instant.now()));
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
