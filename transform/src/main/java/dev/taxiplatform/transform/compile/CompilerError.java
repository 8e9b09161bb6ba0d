package dev.taxiplatform.transform.compile;

/** {@code exceptions.raise_compiler_error(message)}, or a problem found while compiling a node. */
public final class CompilerError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CompilerError(String message) {
    super(message);
  }
}
