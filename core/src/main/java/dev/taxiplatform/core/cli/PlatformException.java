package dev.taxiplatform.core.cli;

/**
 * A failure to report to the user as one clear message (no stack trace) with a documented exit
 * code. The message says what went wrong and what to do about it.
 */
public class PlatformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public PlatformException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  public PlatformException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Bad usage: the user must change the command line. */
  public static PlatformException usage(String message) {
    return new PlatformException(ExitCodes.USAGE, message);
  }

  /** Infrastructure that could not be reached. */
  public static PlatformException unavailable(String message, Throwable cause) {
    return new PlatformException(ExitCodes.UNAVAILABLE, message, cause);
  }

  /** Work that failed. */
  public static PlatformException failed(String message, Throwable cause) {
    return new PlatformException(ExitCodes.FAILED, message, cause);
  }
}
