package dev.taxiplatform.orchestrator.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.testing.LocalStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaderLockTest {
  private final WarehouseConnection warehouse = LocalStack.shared().connections().warehouse();

  @Test
  void aLockWhoseSessionEndedIsNoLongerHeldAndIsFreeForOthers() throws Exception {
    Optional<LeaderLock> lock = LeaderLock.tryAcquire(warehouse::open);
    assertThat(lock).isPresent();
    try (Connection admin = warehouse.open();
        Statement statement = admin.createStatement()) {
      assertThat(LeaderLock.tryAcquire(warehouse::open)).isEmpty();
      assertThat(lock.get().held()).isTrue();

      // The server ends the lock's session (a restart, a network cut, an administrator).
      try (ResultSet result =
          statement.executeQuery(
              "SELECT pg_terminate_backend(pid) FROM pg_locks"
                  + " WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()")) {
        assertThat(result.next()).isTrue();
      }

      long deadline = System.nanoTime() + 10_000_000_000L;
      while (lock.get().held() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(lock.get().held()).isFalse();
      Optional<LeaderLock> next = LeaderLock.tryAcquire(warehouse::open);
      while (next.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
        next = LeaderLock.tryAcquire(warehouse::open);
      }
      assertThat(next).as("free once its session ended").isPresent();
      next.get().close();
    } finally {
      lock.get().close();
    }
  }
}
