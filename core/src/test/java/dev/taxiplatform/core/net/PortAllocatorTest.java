package dev.taxiplatform.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortAllocatorTest {
  @TempDir Path reservations;

  private PortAllocator allocator(long owner) {
    return new PortAllocator(reservations, owner);
  }

  @Test
  void givesThePreferredPortWhenFreeAndTheNextFreeOneWhenTaken() throws Exception {
    long me = ProcessHandle.current().pid();
    int preferred = allocator(me).allocate(31000).port();
    allocator(me).release();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), preferred));
      PortAllocator allocator = allocator(me);

      PortAllocator.Allocation first = allocator.allocate(preferred);
      PortAllocator.Allocation second = allocator.allocate(preferred);

      assertThat(first.fellBack()).isTrue();
      assertThat(first.port()).isGreaterThan(preferred);
      assertThat(second.port()).as("never the same port twice").isGreaterThan(first.port());
      allocator.release();
    }
    PortAllocator.Allocation free = allocator(me).allocate(preferred);
    assertThat(free).isEqualTo(new PortAllocator.Allocation(preferred, preferred));
    assertThat(free.fellBack()).isFalse();
  }

  @Test
  void aPortWhoseServerJustStoppedIsFreeAgainThoughItsClosedConnectionsLinger() throws Exception {
    long me = ProcessHandle.current().pid();
    int port = allocator(me).allocate(34000).port();
    allocator(me).release();
    // A server that closes a client's connection first leaves it in TIME_WAIT on its own port for
    // a minute, as a stopped server does; servers bind with SO_REUSEADDR and may restart at once.
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
        server.accept().close();
        assertThat(client.getInputStream().read()).as("the server closed first").isEqualTo(-1);
      }
    }

    assertThat(PortAllocator.isFree(port)).isTrue();
    assertThat(allocator(me).allocate(port)).isEqualTo(new PortAllocator.Allocation(port, port));
  }

  @Test
  void aPortReservedByAnotherLiveProcessIsSkippedUntilReleased() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      PortAllocator theirs = allocator(other.pid());
      PortAllocator mine = allocator(ProcessHandle.current().pid());

      int reserved = theirs.allocate(32000).port();
      int given = mine.allocate(reserved).port();

      assertThat(given).as("not yet bound, but reserved").isNotEqualTo(reserved);
      assertThat(Files.readString(reservations.resolve(Integer.toString(reserved))))
          .isEqualTo(Long.toString(other.pid()));
      theirs.release();
      assertThat(allocator(ProcessHandle.current().pid()).allocate(reserved).port())
          .isEqualTo(reserved);
    } finally {
      other.destroy();
    }
  }

  @Test
  void aReservationOfADeadProcessIsReclaimed() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    int port = allocator(gone.pid()).allocate(33000).port();

    assertThat(allocator(ProcessHandle.current().pid()).allocate(port).port()).isEqualTo(port);
  }
}
