package dev.taxiplatform.core.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises a failure to write a file because its file system is read-only or access is denied,
 * and turns it into a message that names the path and the fix (exit code 2: the configuration
 * points at a place the platform cannot use), instead of a stack trace.
 */
public final class UnwritablePath {
  private UnwritablePath() {}

  /** The usage error for such a failure anywhere in {@code failure}'s causes, if it is one. */
  public static Optional<PlatformException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException fileSystem && fileSystem.getFile() != null) {
        String reason = fileSystem.getReason() == null ? "" : fileSystem.getReason();
        String why;
        if (reason.toLowerCase(Locale.ROOT).contains("read-only file system")) {
          why = "read-only file system";
        } else if (fileSystem instanceof AccessDeniedException) {
          why = "permission denied";
        } else {
          continue;
        }
        return Optional.of(
            PlatformException.usage(
                ("cannot write to %s: %s. Point the platform at a writable data directory"
                        + " (--data-dir DIR or PLATFORM_DATA_DIR), or make that one writable.")
                    .formatted(fileSystem.getFile(), why)));
      }
    }
    return Optional.empty();
  }
}
