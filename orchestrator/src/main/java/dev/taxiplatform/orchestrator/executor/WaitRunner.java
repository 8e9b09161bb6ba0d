package dev.taxiplatform.orchestrator.executor;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * {@code wait} tasks: wait a duration, or until enough new raw objects arrived since the run
 * started (failing when the duration passes first).
 */
public final class WaitRunner implements TaskRunner {
  private static final Duration POLL = Duration.ofSeconds(2);

  private final Function<Instant, Integer> rawObjectsSince;

  /**
   * @param rawObjectsSince counts the raw objects stored since a given time
   */
  public WaitRunner(Function<Instant, Integer> rawObjectsSince) {
    this.rawObjectsSince = requireNonNull(rawObjectsSince, "rawObjectsSince");
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
          Instant deadline = Instant.now().plus(wait.duration());
          if (wait.newRawObjects().isEmpty()) {
            log.line("waiting %s", wait.duration());
            Thread.sleep(wait.duration().toMillis());
            log.line("done");
            return;
          }
          int wanted = wait.newRawObjects().get();
          log.line(
              "waiting for %d new raw object(s) since %s, at most %s",
              wanted, since, wait.duration());
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
                      .formatted(count, wanted, wait.duration()));
            }
            Thread.sleep(POLL.toMillis());
          }
        });
  }
}
