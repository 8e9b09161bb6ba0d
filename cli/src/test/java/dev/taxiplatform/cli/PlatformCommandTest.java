package dev.taxiplatform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.testing.PlatformCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code platform} command's own behaviour: help, version, config, dispatch, reset. */
class PlatformCommandTest {
  @TempDir Path workDir;

  private PlatformCli cli() {
    return PlatformCli.inDirectory(workDir);
  }

  @Test
  void helpListsBuiltInAndComponentCommands() {
    PlatformCli.Result help = cli().run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.output())
        .contains("Usage: platform")
        .containsPattern("(?m)^  config ")
        .containsPattern("(?m)^  up +Start the local stack")
        .containsPattern("(?m)^  down ")
        .containsPattern("(?m)^  status ")
        .containsPattern("(?m)^  reset ")
        .contains("Exit codes: 0 success");
  }

  @Test
  void componentCommandsRunInTheirOwnProcessWithTheirOwnHelp() {
    PlatformCli.Result help = cli().run("up", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.output())
        .contains("Usage: platform up")
        .contains("--detach")
        .contains("--data-dir=DIR");
  }

  @Test
  void everyCommandPrintsItsHelpWithoutWarnings() {
    String help = cli().run("--help").output();
    List<String> commands =
        help.lines()
            .map(line -> java.util.regex.Pattern.compile("^  ([a-z][a-z-]+) ").matcher(line))
            .filter(java.util.regex.Matcher::find)
            .map(matcher -> matcher.group(1))
            .filter(command -> !command.equals("help"))
            .toList();
    // Components built after this module (batch, ingest, ...) check their own help in their tests.
    assertThat(commands).contains("up", "status", "server", "provision");

    for (String command : commands) {
      PlatformCli.Result result = cli().run(command, "--help");
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.output())
          .as(command)
          .containsPattern("Usage: (platform )?" + command + " ")
          .doesNotContain("WARN")
          .doesNotContain("Could not format");
    }
  }

  @Test
  void versionPrintsTheBuiltVersion() {
    PlatformCli.Result version = cli().run("--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.output()).startsWith("Taxi Platform 0.1.0-SNAPSHOT");
  }

  @Test
  void unknownCommandIsBadUsage() {
    PlatformCli.Result result = cli().run("uup");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output())
        .contains("Unmatched argument at index 0: 'uup'")
        .contains("Did you mean: platform up");
  }

  @Test
  void configShowsValuesWithSourcesAndMasksSecrets() throws Exception {
    Files.writeString(workDir.resolve("platform.yaml"), "kafka:\n  partitions: 6\n");
    PlatformCli.Result result =
        cli()
            .withEnvironment(Map.of("WAREHOUSE_PASSWORD", "hunter2", "KAFKA_TOPIC", "rides"))
            .run("config", "--set", "s3.port=14566", "--data-dir", "elsewhere");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output())
        .contains("data directory " + workDir.resolve("elsewhere"))
        .containsPattern("kafka\\.partitions +6 +file .*platform\\.yaml")
        .containsPattern("kafka\\.topic +rides +env KAFKA_TOPIC")
        .containsPattern("s3\\.port +14566 +flag --set s3\\.port")
        .containsPattern("data-dir +elsewhere +flag --data-dir")
        .containsPattern("warehouse\\.password +\\*\\*\\*\\*\\*\\* +env WAREHOUSE_PASSWORD")
        .containsPattern("kafka\\.port +9092 +default")
        .doesNotContain("hunter2");
  }

  @Test
  void badConfigurationFailsWithExitCode2NamingTheKey() {
    PlatformCli.Result result =
        cli().withEnvironment(Map.of("WAREHOUSE_PORT", "54x")).run("config");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output())
        .contains(
            "error: Invalid configuration: warehouse.port = \"54x\" (from env WAREHOUSE_PORT). Expected a TCP"
                + " port from 1 to 65535.");

    PlatformCli.Result component =
        cli().withEnvironment(Map.of("WAREHOUSE_PORT", "54x")).run("status");
    assertThat(component.exitCode()).isEqualTo(2);
    assertThat(component.output()).contains("warehouse.port = \"54x\"");
  }

  @Test
  void aComponentCommandWithAnInvalidConfigurationFileFailsNamingTheFile() throws Exception {
    Path file = workDir.resolve("platform.yaml");
    Files.writeString(file, "warehouse:\n  port: [5432\n");

    // provision: a component command of a module built before this one, read from its own process.
    PlatformCli.Result result = cli().run("provision");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.output())
        .contains("error: Configuration file " + file + " is not valid YAML")
        .doesNotContain("could not be reached");
  }

  @Test
  void configReferenceListsEveryKey() {
    PlatformCli.Result result = cli().run("config", "--reference");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output())
        .contains("| `kafka.bootstrap-servers` | `KAFKA_BOOTSTRAP_SERVERS` | (unset) |")
        .contains("| `s3.region` | `AWS_REGION`, `AWS_DEFAULT_REGION` | `us-east-1` |")
        .contains("| `warehouse.password` | `WAREHOUSE_PASSWORD` | (unset) |");
  }

  @Test
  void readmeConfigurationReferenceMatchesTheKeys() throws Exception {
    String readme =
        Files.readString(
            dev.taxiplatform.core.component.PlatformHome.locate().resolve("README.md"));
    assertThat(readme).contains(ConfigCommand.ConfigReference.markdown());
  }

  @Test
  void resetDeletesADataDirectoryOnlyWithConsentAndOnlyIfItIsOne() throws Exception {
    Path dataDir = workDir.resolve("data");
    Files.createDirectories(dataDir.resolve("kafka"));
    Files.writeString(dataDir.resolve("secrets.properties"), "x=y");

    PlatformCli.Result withoutConsent = cli().run("reset", "--data-dir", dataDir.toString());
    assertThat(withoutConsent.exitCode()).isEqualTo(2);
    assertThat(withoutConsent.output()).contains("add --yes");
    assertThat(dataDir).exists();

    Path notOurs = workDir.resolve("home");
    Files.createDirectories(notOurs);
    Files.writeString(notOurs.resolve("thesis.tex"), "precious");
    PlatformCli.Result refused = cli().run("reset", "--yes", "--data-dir", notOurs.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.output())
        .contains("does not look like a platform data directory (it holds thesis.tex)");
    assertThat(notOurs.resolve("thesis.tex")).exists();

    PlatformCli.Result reset = cli().run("reset", "--yes", "--data-dir", dataDir.toString());
    assertThat(reset.exitCode()).as(reset.toString()).isZero();
    assertThat(dataDir).doesNotExist();
  }
}
