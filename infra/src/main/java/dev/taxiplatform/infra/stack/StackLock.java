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
import java.nio.file.StandardOpenOption;

/** Held by a stack's supervisor for its whole life: one running stack per data directory. */
final class StackLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StackLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static StackLock acquire(StackLayout layout) {
    try {
      Files.createDirectories(layout.runDir());
      FileChannel channel =
          FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw alreadyRunning(layout);
      }
      return new StackLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + layout.lockFile(), e);
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
