package dev.taxiplatform.infra.kafka;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import io.prometheus.jmx.JavaAgent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prometheus's JMX exporter, started inside the broker's own JVM: it serves the broker's JMX beans,
 * renamed by a rules file, on {@code /metrics}. Running it in-process (rather than as a {@code
 * -javaagent}) makes the metrics a plain option of {@code platform server kafka}, the same in the
 * local stack and in a container, where the launcher's JVM must not load the agent too.
 */
public final class BrokerMetricsExporter {
  /** The rules the platform ships, relative to its installation. */
  public static final Path DEFAULT_RULES =
      Path.of("deploy", "monitoring", "kafka", "jmx-exporter.yaml");

  private BrokerMetricsExporter() {}

  /**
   * Serves the broker's metrics on {@code host:port} with {@code rules}.
   *
   * @throws PlatformException (usage) when the port is out of range or the rules file is missing
   */
  public static void start(String host, int port, Path rules) {
    if (port < 1 || port > 65_535) {
      throw new PlatformException(
          ExitCodes.USAGE, "--metrics-port must be between 1 and 65535, not " + port);
    }
    if (!Files.isRegularFile(rules)) {
      throw new PlatformException(
          ExitCodes.USAGE,
          "--metrics-rules: no such file: %s (the broker's JMX exporter rules, e.g. %s of the platform)"
              .formatted(rules, DEFAULT_RULES));
    }
    requireFree(host, port);
    try {
      // The agent ignores its Instrumentation argument.
      JavaAgent.agentmain("%s:%d:%s".formatted(host, port, rules.toAbsolutePath()), null);
    } catch (Exception e) {
      throw new PlatformException(
          ExitCodes.FAILED,
          "Cannot serve the broker's metrics on %s:%d: %s".formatted(host, port, e.getMessage()),
          e);
    }
  }

  /** The agent ends the JVM when it cannot bind: say why first, in the platform's words. */
  private static void requireFree(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new PlatformException(
          ExitCodes.USAGE,
          "--metrics-port %d: cannot listen on %s:%d (%s); choose a free port"
              .formatted(port, host, port, e.getMessage()));
    }
  }
}
