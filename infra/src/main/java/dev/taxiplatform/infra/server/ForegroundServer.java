package dev.taxiplatform.infra.server;

import dev.taxiplatform.core.process.SupervisorWatchdog;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a server until the process is asked to stop: closes it on SIGTERM/SIGINT, and when the stack
 * supervisor that started it is gone.
 */
final class ForegroundServer {
  private static final Logger LOG = LoggerFactory.getLogger(ForegroundServer.class);

  private ForegroundServer() {}

  static int run(String name, Supplier<AutoCloseable> starter) {
    AutoCloseable server = starter.get();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping {}", name);
                  try {
                    server.close();
                  } catch (Exception e) {
                    LOG.error("Error while stopping {}", name, e);
                  }
                  LOG.info("{} stopped", name);
                  stopped.countDown();
                },
                "stop-" + name));
    SupervisorWatchdog.startIfSupervised();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
