package dev.taxiplatform.orchestrator.executor;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code wait} tasks: wait a duration, or until enough new raw objects arrived since the run
 * started (failing when the duration passes first).
 */
public final class WaitRunner implements TaskRunner {
  private static final Duration POLL = Duration.ofSeconds(2);

  private final Function<Instant, Integer> rawObjectsSince;
  private final Optional<Duration> maxWait;

  /**
   * @param rawObjectsSince counts the raw objects stored since a given time
   * @param maxWait the longest any wait lasts ({@code orchestrator.max-wait}); empty: as written
   */
  public WaitRunner(Function<Instant, Integer> rawObjectsSince, Optional<Duration> maxWait) {
    this.rawObjectsSince = requireNonNull(rawObjectsSince, "rawObjectsSince");
    this.maxWait = requireNonNull(maxWait, "maxWait");
  }

  /** The wait's duration, at most {@link #maxWait}. */
  Duration duration(TaskSpec.Wait wait) {
    return maxWait.filter(max -> max.compareTo(wait.duration()) < 0).orElse(wait.duration());
  }

  @Override
  public String name() {
    return "in-process";
  }

  @Override
  public RunningTask start(TaskLaunch launch) {
    TaskSpec.Wait wait = (TaskSpec.Wait) launch.task().spec();
    Instant since = launch.run().startedAt().orElse(launch.run().queuedAt());
    return InProcessTask.start(
        launch.attemptName(),
        launch.logFile(),
        log -> {
          Duration duration = duration(wait);
          if (!duration.equals(wait.duration())) {
            log.line(
                "orchestrator.max-wait shortens the pipeline's %s to %s",
                wait.duration(), duration);
          }
          Instant deadline = Instant.now().plus(duration);
          if (wait.newRawObjects().isEmpty()) {
            log.line("waiting %s", duration);
            Thread.sleep(duration.toMillis());
            log.line("done");
            return;
          }
          int wanted = wait.newRawObjects().get();
          log.line(
              "waiting for %d new raw object(s) since %s, at most %s", wanted, since, duration);
          int seen = -1;
          while (true) {
            int count = rawObjectsSince.apply(since);
            if (count != seen) {
              log.line("%d new raw object(s)", count);
              seen = count;
            }
            if (count >= wanted) {
              return;
            }
            if (Instant.now().isAfter(deadline)) {
              throw new IllegalStateException(
                  "only %d of %d new raw objects arrived within %s"
                      .formatted(count, wanted, duration));
            }
            Thread.sleep(POLL.toMillis());
          }
        });
  }
}
