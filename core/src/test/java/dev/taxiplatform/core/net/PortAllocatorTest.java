package dev.taxiplatform.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {
  @Test
  void givesThePreferredPortWhenFreeAndTheNextFreeOneWhenTaken() throws Exception {
    PortAllocator probe = new PortAllocator();
    int preferred = probe.allocate(31000).port();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), preferred));
      PortAllocator allocator = new PortAllocator();

      PortAllocator.Allocation first = allocator.allocate(preferred);
      PortAllocator.Allocation second = allocator.allocate(preferred);

      assertThat(first.fellBack()).isTrue();
      assertThat(first.port()).isGreaterThan(preferred);
      assertThat(second.port()).as("never the same port twice").isGreaterThan(first.port());
      assertThat(PortAllocator.isFree(preferred)).isFalse();
    }
    assertThat(PortAllocator.isFree(preferred)).isTrue();
    PortAllocator.Allocation free = new PortAllocator().allocate(preferred);
    assertThat(free).isEqualTo(new PortAllocator.Allocation(preferred, preferred));
    assertThat(free.fellBack()).isFalse();
  }
}
