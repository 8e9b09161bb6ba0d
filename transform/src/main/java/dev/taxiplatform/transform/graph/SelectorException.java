package dev.taxiplatform.transform.graph;

/** A {@code --select}/{@code --exclude} expression the engine cannot read. */
public final class SelectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SelectorException(String message) {
    super(message);
  }
}
