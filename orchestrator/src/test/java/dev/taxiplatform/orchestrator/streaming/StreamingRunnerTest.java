package dev.taxiplatform.orchestrator.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class StreamingRunnerTest {
  @TempDir Path dataDir;

  @Test
  void anUnreadableStackStateIsReportedInTheAttemptsLogNotDropped() throws Exception {
    StackLayout layout = new StackLayout(dataDir);
    Files.createDirectories(layout.stateFile().getParent());
    Files.writeString(layout.stateFile(), "{\"services\": [");
    PlatformConfig config =
        new ConfigLoader(Map.of(), dataDir).load(ConfigOverrides.dataDir(dataDir));
    Path home = PlatformHome.locate();
    StreamingRunner runner =
        new StreamingRunner(
            config,
            ComponentCatalog.discover(home),
            new ComponentLauncher(home),
            new OrchestratorStore(new PGSimpleDataSource()),
            Map::of,
            dataDir);
    List<String> warnings = new ArrayList<>();

    assertThat(runner.stackSink(warnings::add)).isEmpty();
    assertThat(warnings)
        .containsExactly(
            "cannot tell whether the local stack runs a sink (Cannot read %s); going on as if it"
                    .formatted(layout.stateFile())
                + " ran none");
  }
}
