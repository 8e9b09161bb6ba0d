package dev.taxiplatform.infra.stack;

import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Held by a stack's supervisor for its whole life: one running stack per data directory. A second
 * lock, {@link #acquireStart}, is held by {@code up --detach} while it starts a supervisor, so that
 * two such starts at once do not share (and truncate) one supervisor log.
 */
final class StackLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StackLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static StackLock acquire(StackLayout layout) {
    return acquire(layout.lockFile(), layout, () -> alreadyRunning(layout));
  }

  /** The lock of starting a stack in the background; fails if another start holds it. */
  static StackLock acquireStart(StackLayout layout) {
    return acquire(
        layout.runDir().resolve("start.lock"),
        layout,
        () ->
            PlatformException.usage(
                ("Another `platform up` is starting a stack for data directory %s right now. Wait"
                        + " for it (`./platform status`), or use a different --data-dir.")
                    .formatted(layout.dataDir())));
  }

  private static StackLock acquire(
      Path file, StackLayout layout, Supplier<PlatformException> whenHeld) {
    try {
      Files.createDirectories(layout.runDir());
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw whenHeld.get();
      }
      return new StackLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + file, e);
    }
  }

  /** True when a supervisor holds the lock of this data directory right now. */
  static boolean isHeld(StackLayout layout) {
    if (!Files.exists(layout.lockFile())) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PlatformException alreadyRunning(StackLayout layout) {
    String pid =
        StackState.read(layout).map(s -> " (supervisor pid " + s.supervisorPid() + ")").orElse("");
    return PlatformException.usage(
        "A stack is already running for data directory %s%s. See `./platform status`, stop it with"
                .formatted(layout.dataDir(), pid)
            + " `./platform down`, or start another one with a different --data-dir.");
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
