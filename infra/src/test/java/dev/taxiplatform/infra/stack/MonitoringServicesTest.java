package dev.taxiplatform.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.stack.StackLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the local stack's Prometheus takes its alert rules from. */
class MonitoringServicesTest {
  @TempDir Path dataDir;

  private MonitoringServices monitoring() {
    return new MonitoringServices(new StackLayout(dataDir), PlatformHome.locate());
  }

  @Test
  void theShippedRulesAreTheDefault() {
    assertThat(monitoring().shippedRules().resolve("platform-alerts.yml")).isRegularFile();
    assertThat(monitoring().prometheus(9090, List.of(), Optional.empty()).name())
        .isEqualTo(MonitoringServices.PROMETHEUS);
  }

  @Test
  void aConfiguredRulesDirectoryThatIsNoneNamesTheKey() {
    Path missing = dataDir.resolve("no-such-rules");

    assertThatThrownBy(() -> monitoring().prometheus(9090, List.of(), Optional.of(missing)))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("monitoring.rules-dir")
        .satisfies(e -> assertThat(((PlatformException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
  }
}
