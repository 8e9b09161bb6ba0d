package dev.taxiplatform.transform.jinja;

/**
 * A template could not be rendered: a syntax error, an unsupported construct, or an error raised
 * while rendering ({@code exceptions.raise_compiler_error}, a failed {@code run_query}, ...). The
 * message names the file and the line.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  public TemplateException(String file, int line, String message, Throwable cause) {
    super(format(file, line, message), cause);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  private static String format(String file, int line, String message) {
    return line > 0
        ? "Compilation Error in %s (line %d): %s".formatted(file, line, message)
        : "Compilation Error in %s: %s".formatted(file, message);
  }
}
