package dev.taxiplatform.infra.server;

import dev.taxiplatform.core.process.GracefulShutdown;
import dev.taxiplatform.core.process.SupervisorWatchdog;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Runs a server until the process is asked to stop: closes it on SIGTERM/SIGINT (waiting at most
 * the shutdown timeout), and when the stack supervisor that started it is gone.
 */
final class ForegroundServer {
  private ForegroundServer() {}

  static int run(String name, Duration shutdownTimeout, Supplier<AutoCloseable> starter) {
    AutoCloseable server = starter.get();
    CountDownLatch stopped = new CountDownLatch(1);
    GracefulShutdown.onExit(
        name,
        shutdownTimeout,
        () -> {
          try {
            server.close();
          } finally {
            stopped.countDown();
          }
        });
    SupervisorWatchdog.startIfSupervised();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
