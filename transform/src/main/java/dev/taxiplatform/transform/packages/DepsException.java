package dev.taxiplatform.transform.packages;

/** A package cannot be installed; the message says which and what to do. */
public final class DepsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean unreachable;

  public DepsException(String message, boolean unreachable) {
    super(message);
    this.unreachable = unreachable;
  }

  /** Whether the cause is a server that cannot be reached (the network, a repository). */
  public boolean unreachable() {
    return unreachable;
  }
}
