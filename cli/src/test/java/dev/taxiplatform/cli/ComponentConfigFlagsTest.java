package dev.taxiplatform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.config.ConfigOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component that does not read the platform's configuration (the SQL engine) still honours {@code
 * --config}, {@code --data-dir} and {@code --set}: the launcher takes them off its command line and
 * resolves the component's connections with them.
 */
class ComponentConfigFlagsTest {
  @TempDir Path dir;

  private ComponentProcess transform() {
    ComponentDescriptor descriptor =
        new ComponentDescriptor(
            "transform",
            "dev.taxiplatform.transform.cli.TransformMain",
            List.of(),
            List.of(),
            List.of(new ComponentDescriptor.Command("transform", "SQL models")),
            List.of(),
            List.of("warehouse"),
            Map.of());
    return new ComponentProcess(new ComponentLauncher(dir), descriptor);
  }

  @Test
  void configurationFlagsAreTakenOffTheComponentsArguments() {
    ConfigArguments arguments =
        ConfigArguments.extract(
            List.of(
                "transform",
                "run",
                "--config",
                "site.yaml",
                "--select",
                "fact_rides",
                "--set",
                "warehouse.port=6543",
                "--data-dir=stack",
                "--set=warehouse.user=etl"));

    assertThat(arguments.remaining()).containsExactly("transform", "run", "--select", "fact_rides");
    assertThat(arguments.overrides().configFile()).contains(Path.of("site.yaml"));
    assertThat(arguments.overrides().flags())
        .containsExactly(
            new ConfigOverrides.Flag("warehouse.port", "6543", "--set warehouse.port"),
            ConfigOverrides.Flag.dataDir(Path.of("stack")),
            new ConfigOverrides.Flag("warehouse.user", "etl", "--set warehouse.user"));
    assertThat(arguments.explicit()).isTrue();
  }

  @Test
  void setFlagsChooseTheWarehouseTheComponentConnectsTo() {
    Map<String, String> environment =
        transform()
            .connectionEnvironment(
                ConfigArguments.extract(
                    List.of(
                        "transform",
                        "debug",
                        "--set",
                        "warehouse.host=db.internal",
                        "--set",
                        "warehouse.port=6543",
                        "--set",
                        "warehouse.password=s3cret")));

    assertThat(environment)
        .containsEntry("WAREHOUSE_HOST", "db.internal")
        .containsEntry("WAREHOUSE_PORT", "6543")
        .containsEntry("WAREHOUSE_PASSWORD", "s3cret")
        .containsEntry("PGPORT", "6543");
  }

  @Test
  void aConfigFileChoosesTheWarehouseAndFlagsWinOverIt() throws Exception {
    Path config = dir.resolve("site.yaml");
    Files.writeString(
        config, "warehouse:\n  host: warehouse.example\n  port: 15432\n  database: taxis\n");

    Map<String, String> environment =
        transform()
            .connectionEnvironment(
                ConfigArguments.extract(
                    List.of(
                        "transform",
                        "build",
                        "--config",
                        config.toString(),
                        "--set",
                        "warehouse.port=15433")));

    assertThat(environment)
        .containsEntry("WAREHOUSE_HOST", "warehouse.example")
        .containsEntry("WAREHOUSE_PORT", "15433")
        .containsEntry("WAREHOUSE_DB", "taxis");
  }

  @Test
  void theDataDirectoryPicksTheLocalStackWhoseWarehouseIsUsed() {
    // No stack runs for this data directory: the warehouse is left out (the component then says it
    // cannot connect) rather than taken from another data directory's stack.
    Map<String, String> environment =
        transform()
            .connectionEnvironment(
                ConfigArguments.extract(
                    List.of("transform", "run", "--data-dir", dir.resolve("none").toString())));

    assertThat(environment).doesNotContainKey("WAREHOUSE_HOST");
  }

  @Test
  void anInvalidValueGivenOnTheCommandLineFailsNamingTheKey() {
    assertThatThrownBy(
            () ->
                transform()
                    .connectionEnvironment(
                        ConfigArguments.extract(
                            List.of("transform", "run", "--set", "warehouse.port=fivefour"))))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("warehouse.port")
        .satisfies(e -> assertThat(((PlatformException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void setWithoutAValueIsBadUsage() {
    assertThatThrownBy(
            () -> ConfigArguments.extract(List.of("transform", "run", "--set", "warehouse.port")))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("--set takes KEY=VALUE");
  }
}
