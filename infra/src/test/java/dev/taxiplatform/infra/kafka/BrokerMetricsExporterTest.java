package dev.taxiplatform.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerMetricsExporterTest {
  private static final Path SHIPPED_RULES =
      Path.of("..").resolve(BrokerMetricsExporter.DEFAULT_RULES);

  @Test
  void theShippedRulesAreWhereTheDefaultPointsAndTheyAreNamedOnError(@TempDir Path dir) {
    assertThat(SHIPPED_RULES).isRegularFile();

    PlatformException missing =
        catchThrowableOfType(
            PlatformException.class,
            () -> BrokerMetricsExporter.start("127.0.0.1", 9404, dir.resolve("rules.yaml")));

    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.getMessage())
        .isEqualTo(
            "--metrics-rules: no such file: %s (the broker's JMX exporter rules, e.g. %s of the"
                    .formatted(dir.resolve("rules.yaml"), BrokerMetricsExporter.DEFAULT_RULES)
                + " platform)");
  }

  @Test
  void aPortOutOfRangeOrInUseIsRefusedBeforeTheExporterCouldEndTheJvm() throws Exception {
    PlatformException outOfRange =
        catchThrowableOfType(
            PlatformException.class,
            () -> BrokerMetricsExporter.start("127.0.0.1", 70_000, SHIPPED_RULES));
    assertThat(outOfRange.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(outOfRange.getMessage())
        .isEqualTo("--metrics-port must be between 1 and 65535, not 70000");

    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      PlatformException inUse =
          catchThrowableOfType(
              PlatformException.class,
              () -> BrokerMetricsExporter.start("127.0.0.1", port, SHIPPED_RULES));
      assertThat(inUse.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(inUse.getMessage())
          .startsWith("--metrics-port %d: cannot listen on 127.0.0.1:%d (".formatted(port, port))
          .endsWith("); choose a free port");
    }
  }
}
