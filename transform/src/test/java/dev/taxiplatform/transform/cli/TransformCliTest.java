package dev.taxiplatform.transform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, version, usage errors, debug, profiles lookup. */
@ExtendWith(PostgresExtension.class)
class TransformCliTest {

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"run", "test", "build", "seed", "compile", "ls", "debug"}) {
      EngineRun help = EngineRun.of(Map.of(), command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.output()).contains("Usage: transform " + command).contains("--project-dir");
    }
    assertThat(EngineRun.of(Map.of(), "docs", "generate", "--help").output())
        .contains("Usage: transform docs generate");
    assertThat(EngineRun.of(Map.of(), "--help").output())
        .contains("run", "test", "build", "seed", "compile", "ls", "debug", "docs");
  }

  @Test
  void versionNamesTheEngine() {
    EngineRun version = EngineRun.of(Map.of(), "--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.output())
        .startsWith("taxi-transform ")
        .contains("(dbt-compatible, postgres)");
  }

  @Test
  void badUsageExitsWithTwo(@TempDir Path dir) {
    assertThat(EngineRun.of(Map.of(), "run", "--no-such-flag").exitCode()).isEqualTo(2);
    assertThat(EngineRun.of(Map.of(), "frobnicate").exitCode()).isEqualTo(2);
    EngineRun noProject = EngineRun.of(Map.of(), "run", "--project-dir", dir.toString());
    assertThat(noProject.exitCode()).isEqualTo(2);
    assertThat(noProject.lines())
        .contains("No dbt_project.yml in " + dir.toAbsolutePath().normalize());
  }

  @Test
  void aMissingProfileIsAConfigurationError(@TempDir Path dir) {
    Projects.write(
        dir,
        Map.of(
            "dbt_project.yml",
            "name: p\nprofile: nowhere\n",
            "profiles.yml",
            "other:\n  outputs: {}\n"));

    EngineRun run = EngineRun.of(Map.of(), "run", "--project-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.lines())
        .contains(
            "Profile 'nowhere' not found in " + dir.resolve("profiles.yml") + " (it has: [other])");
  }

  @Test
  void debugChecksTheConnectionFoundThroughDbtProfilesDir(
      TestDatabase database, @TempDir Path dir) {
    Projects.write(dir.resolve("project"), Map.of("dbt_project.yml", "name: p\nprofile: p\n"));
    database.writeProfile(dir.resolve("profiles"), "p", "public", 1);

    EngineRun debug =
        EngineRun.of(
            Map.of("DBT_PROFILES_DIR", dir.resolve("profiles").toString()),
            "debug",
            "--project-dir",
            dir.resolve("project").toString());

    assertThat(debug.exitCode()).as(debug.output()).isZero();
    assertThat(debug.lines())
        .contains("  profiles.yml file [OK found and valid]")
        .contains("  database: " + database.name())
        .contains("  server_version: 17.")
        .contains("  Connection test: [OK connection ok]")
        .contains("All checks passed!");
  }

  @Test
  void thePlatformsProfileReadsTheWarehouseVariables(TestDatabase database) {
    EngineRun debug =
        EngineRun.of(
            database.warehouseEnvironment(),
            "debug",
            "--project-dir",
            Projects.repositoryRoot().resolve("dbt").toString());

    assertThat(debug.exitCode()).as(debug.output()).isZero();
    assertThat(debug.lines())
        .contains("  host: 127.0.0.1")
        .contains("  port: " + database.port())
        .contains("  schema: public");
  }
}
