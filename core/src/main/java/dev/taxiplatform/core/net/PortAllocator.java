package dev.taxiplatform.core.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks ports for servers on the loopback interface: the preferred port when it is free, else the
 * next free one above it, never one this allocator already handed out. Predictable for users
 * ("Kafka is on 9092, or the next free port"), and two stacks side by side never collide.
 */
public final class PortAllocator {
  private static final int SEARCH_RANGE = 200;

  private final Set<Integer> allocated = new HashSet<>();

  /**
   * A port for a server.
   *
   * @param preferred the port to use when it is free
   * @return the preferred port or the next free one above it
   * @throws IllegalStateException when no port is free in the search range
   */
  public synchronized Allocation allocate(int preferred) {
    for (int port = preferred; port < preferred + SEARCH_RANGE && port <= 65535; port++) {
      if (!allocated.contains(port) && isFree(port)) {
        allocated.add(port);
        return new Allocation(preferred, port);
      }
    }
    throw new IllegalStateException(
        "No free port on 127.0.0.1 from %d to %d"
            .formatted(preferred, preferred + SEARCH_RANGE - 1));
  }

  /** True when nothing listens on {@code port} on the loopback interface. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
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
