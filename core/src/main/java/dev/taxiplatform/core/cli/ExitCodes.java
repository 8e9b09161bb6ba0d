package dev.taxiplatform.core.cli;

/**
 * The exit codes every platform command uses, so scripts and the orchestrator can tell failures
 * apart.
 */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int SUCCESS = 0;

  /** The work failed: a test failed, a task failed, data was rejected. */
  public static final int FAILED = 1;

  /** Bad usage or configuration: fix the command line or the configuration and run again. */
  public static final int USAGE = 2;

  /** Infrastructure (Kafka, S3, PostgreSQL, the local stack) could not be reached. */
  public static final int UNAVAILABLE = 3;

  private ExitCodes() {}
}
