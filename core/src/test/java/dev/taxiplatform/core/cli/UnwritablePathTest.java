package dev.taxiplatform.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UnwritablePathTest {
  @Test
  void aReadOnlyDataDirectoryIsAUsageErrorNamingThePathAndTheFix() {
    Exception failure =
        new UncheckedIOException(
            "Cannot start the stack supervisor",
            new FileSystemException("/data/.platform-data/logs", null, "Read-only file system"));
    PlatformException error = UnwritablePath.in(failure).orElseThrow();
    assertThat(error.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(error.getMessage())
        .isEqualTo(
            "cannot write to /data/.platform-data/logs: read-only file system. Point the platform"
                + " at a writable data directory (--data-dir DIR or PLATFORM_DATA_DIR), or make"
                + " that one writable.");
  }

  @Test
  void permissionDeniedTooButNoOtherFailure() {
    assertThat(
            UnwritablePath.in(new RuntimeException(new AccessDeniedException("/srv/data/run")))
                .orElseThrow()
                .getMessage())
        .startsWith("cannot write to /srv/data/run: permission denied.");
    assertThat(UnwritablePath.in(new FileSystemException("/x", null, "No space left on device")))
        .isEmpty();
    assertThat(UnwritablePath.in(new IllegalStateException("boom"))).isEmpty();
  }

  @CommandLine.Command
  static final class WritesToReadOnly implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new UncheckedIOException(
          new FileSystemException("/ro/logs", null, "Read-only file system"));
    }
  }

  @Test
  void theCommandPrintsOneLineAndExitsWithTwo() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = CommandRunner.commandLine(new WritesToReadOnly());
    commandLine.setErr(new PrintWriter(err));
    assertThat(commandLine.execute()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: cannot write to /ro/logs: read-only file system. Point the platform at a"
                + " writable data directory (--data-dir DIR or PLATFORM_DATA_DIR), or make that"
                + " one writable.");
  }
}
