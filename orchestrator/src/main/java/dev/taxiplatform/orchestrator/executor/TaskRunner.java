package dev.taxiplatform.orchestrator.executor;

/** Starts attempts of tasks of the types it handles. */
public interface TaskRunner {
  /** Starts the attempt and returns without waiting for it to finish. */
  RunningTask start(TaskLaunch launch) throws Exception;

  /**
   * Short name recorded with each attempt: {@code local}, {@code kubernetes}, {@code in-process}.
   */
  String name();
}
