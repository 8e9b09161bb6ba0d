package dev.taxiplatform.transform.invocation;

/** The engine's exit codes (dbt's, plus 3 for an unreachable database). */
public final class ExitCodes {
  /** Everything selected ran and passed (warnings allowed). */
  public static final int SUCCESS = 0;

  /** A model, seed or test failed or errored, or a template failed to compile. */
  public static final int FAILURE = 1;

  /** Bad usage or configuration: unknown flag or selector method, bad profile or project file. */
  public static final int USAGE = 2;

  /** The database could not be reached. */
  public static final int UNREACHABLE = 3;

  private ExitCodes() {}
}
