package dev.taxiplatform.core.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks ports for servers on the loopback interface: the preferred port when it is free, else the
 * next free one above it. Predictable for users ("Kafka is on 9092, or the next free port").
 *
 * <p>A port is reserved for this process, in a directory shared by every platform process on the
 * machine, from the moment it is picked until {@link #release()} or this process's end. Stacks
 * starting at the same time therefore never pick the same port, even before their servers bind.
 */
public final class PortAllocator {
  private static final int SEARCH_RANGE = 200;

  private final Path reservations;
  private final long owner;
  private final List<Integer> allocated = new ArrayList<>();

  public PortAllocator() {
    this(
        Path.of(System.getProperty("java.io.tmpdir"), "taxi-platform-ports"),
        ProcessHandle.current().pid());
  }

  PortAllocator(Path reservations, long owner) {
    this.reservations = reservations;
    this.owner = owner;
  }

  /**
   * A port for a server.
   *
   * @param preferred the port to use when it is free
   * @return the preferred port or the next free one above it
   * @throws IllegalStateException when no port is free in the search range
   */
  public synchronized Allocation allocate(int preferred) {
    for (int port = preferred; port < preferred + SEARCH_RANGE && port <= 65535; port++) {
      if (!allocated.contains(port) && isFree(port) && reserve(port)) {
        allocated.add(port);
        return new Allocation(preferred, port);
      }
    }
    throw new IllegalStateException(
        "No free port on 127.0.0.1 from %d to %d"
            .formatted(preferred, preferred + SEARCH_RANGE - 1));
  }

  /** Gives up this allocator's reservations (its servers have stopped). */
  public synchronized void release() {
    for (int port : allocated) {
      Path file = reservations.resolve(Integer.toString(port));
      if (ownerOf(file) == owner) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // A stale reservation is reclaimed once this process is gone.
        }
      }
    }
    allocated.clear();
  }

  /**
   * True when a server can bind {@code port} on the loopback interface: nothing listens on it.
   * Probed the way servers bind (with {@code SO_REUSEADDR}), so the connections a stopped server
   * left in TIME_WAIT do not count: a stack restarted at once gets its ports back.
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean reserve(int port) {
    Path file = reservations.resolve(Integer.toString(port));
    try {
      Files.createDirectories(reservations);
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          Files.writeString(
              file,
              Long.toString(owner),
              StandardCharsets.UTF_8,
              java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE);
          return true;
        } catch (FileAlreadyExistsException e) {
          long holder = ownerOf(file);
          if (holder == owner) {
            return true;
          }
          if (holder > 0 && ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
          }
          Files.deleteIfExists(file);
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot reserve port %d in %s".formatted(port, reservations), e);
    }
  }

  private static long ownerOf(Path file) {
    try {
      return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (NoSuchFileException | NumberFormatException e) {
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * An allocated port.
   *
   * @param preferred the port asked for
   * @param port the port given
   */
  public record Allocation(int preferred, int port) {
    /** True when the preferred port was taken and another one was given. */
    public boolean fellBack() {
      return preferred != port;
    }
  }
}
