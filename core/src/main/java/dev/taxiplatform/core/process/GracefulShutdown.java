package dev.taxiplatform.core.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a long-running component when its process is asked to end (SIGTERM from a container runtime
 * or the stack supervisor, Ctrl-C), waiting at most a bounded time ({@code
 * server.shutdown-timeout}) for it to finish its work: past that the process exits anyway, so a
 * stuck component never outlives its grace period.
 */
public final class GracefulShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

  private GracefulShutdown() {}

  /** How a component stops: it returns once the component has finished its work. */
  @FunctionalInterface
  public interface StopAction {
    void stop() throws Exception;
  }

  /**
   * Registers {@code stop} to run when the process is asked to end.
   *
   * @param component the component's name, for the log
   * @param timeout the longest the process waits for {@code stop} to return
   * @param stop stops the component; returns when it has stopped
   */
  public static void onExit(String component, Duration timeout, StopAction stop) {
    requireNonNull(component, "component");
    requireNonNull(timeout, "timeout");
    requireNonNull(stop, "stop");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> stopWithin(component, timeout, stop), "shutdown-" + component));
  }

  /**
   * Runs {@code stop} and waits at most {@code timeout} for it.
   *
   * @return true when it returned in time
   */
  static boolean stopWithin(String component, Duration timeout, StopAction stop) {
    LOG.info("Stopping {} (within {} s)", component, timeout.toSeconds());
    long started = System.nanoTime();
    CountDownLatch done = new CountDownLatch(1);
    Thread stopping =
        new Thread(
            () -> {
              try {
                stop.stop();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                LOG.error("Error while stopping {}", component, e);
              } finally {
                done.countDown();
              }
            },
            "stop-" + component);
    stopping.setDaemon(true);
    stopping.start();
    boolean inTime;
    try {
      inTime = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inTime = false;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (inTime) {
      LOG.info("{} stopped in {} ms", component, millis);
    } else {
      LOG.warn(
          "{} did not stop within {} s (server.shutdown-timeout); exiting anyway: work it had not"
              + " committed is done again after restart.",
          component,
          timeout.toSeconds());
    }
    return inTime;
  }
}
