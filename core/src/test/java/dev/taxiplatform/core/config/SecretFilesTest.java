package dev.taxiplatform.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  @TempDir Path workDir;

  private PlatformConfig load(Map<String, String> env) {
    return new ConfigLoader(env, workDir).load(ConfigOverrides.NONE);
  }

  @Test
  void aSecretComesFromTheFileItsFileVariableNamesLessTheTrailingNewline() throws Exception {
    Path password = Files.writeString(workDir.resolve("warehouse-password"), "s3cr3t pw\n");
    Path secretKey = Files.writeString(workDir.resolve("s3-secret"), "abc/DEF+123\r\n");
    Path accessKey = Files.writeString(workDir.resolve("s3-access"), "AKIA2");

    PlatformConfig config =
        load(
            Map.of(
                "WAREHOUSE_PASSWORD_FILE", password.toString(),
                "AWS_SECRET_ACCESS_KEY_FILE", secretKey.toString(),
                "AWS_ACCESS_KEY_ID_FILE", accessKey.toString()));

    assertThat(config.warehouse().password()).isEqualTo(Optional.of("s3cr3t pw"));
    assertThat(config.s3().secretKey()).isEqualTo(Optional.of("abc/DEF+123"));
    assertThat(config.s3().accessKey()).isEqualTo(Optional.of("AKIA2"));
    assertThat(config.source(WarehouseSettings.PASSWORD))
        .isEqualTo(ConfigSource.environment("WAREHOUSE_PASSWORD_FILE"));
    assertThat(
            config.entries().stream()
                .filter(e -> e.key() == WarehouseSettings.PASSWORD)
                .findFirst()
                .orElseThrow()
                .display())
        .isEqualTo("******");
  }

  @Test
  void withoutEitherVariableTheSecretKeepsItsDefault() {
    PlatformConfig config = load(Map.of("WAREHOUSE_PASSWORD_FILE", "  "));

    assertThat(config.warehouse().password()).isEmpty();
    assertThat(config.source(WarehouseSettings.PASSWORD)).isEqualTo(ConfigSource.DEFAULT);
  }

  @Test
  void theValueAndItsFileBothSetFailsNamingBoth() throws Exception {
    Path password = Files.writeString(workDir.resolve("pw"), "from-file\n");

    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "WAREHOUSE_PASSWORD",
                        "from-env",
                        "WAREHOUSE_PASSWORD_FILE",
                        password.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration: both WAREHOUSE_PASSWORD and WAREHOUSE_PASSWORD_FILE are set"
                + " (warehouse.password). Set only one: the value itself, or the file holding it.")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("from-env", "from-file"));
  }

  @Test
  void aMissingFileFailsNamingTheKeyTheVariableAndThePath() {
    Path missing = workDir.resolve("secrets/absent");

    assertThatThrownBy(() -> load(Map.of("DASHBOARD_PASSWORD_FILE", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration: cannot read dashboard.password from DASHBOARD_PASSWORD_FILE=%s"
                    .formatted(missing)
                + " (no such file). Check that the file exists and this process may read it.");
  }

  @Test
  void aDirectoryOrAnUnreadableFileFailsNamingTheKeyAndPath() throws Exception {
    assertThatThrownBy(() -> load(Map.of("WAREHOUSE_PASSWORD_FILE", workDir.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "Invalid configuration: cannot read warehouse.password from WAREHOUSE_PASSWORD_FILE=%s"
                .formatted(workDir));

    Path locked = Files.writeString(workDir.resolve("locked"), "pw");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    boolean readable = Files.isReadable(locked); // root reads any file
    if (!readable) {
      assertThatThrownBy(() -> load(Map.of("WAREHOUSE_PASSWORD_FILE", locked.toString())))
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              "Invalid configuration: cannot read warehouse.password from"
                  + " WAREHOUSE_PASSWORD_FILE=%s (permission denied). Check that the file exists"
                      .formatted(locked)
                  + " and this process may read it.");
    }
  }

  @Test
  void anEmptyFileFailsRatherThanGivingAnEmptySecret() throws Exception {
    Path empty = Files.writeString(workDir.resolve("empty"), "\n");

    assertThatThrownBy(() -> load(Map.of("AWS_SECRET_ACCESS_KEY_FILE", empty.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration: AWS_SECRET_ACCESS_KEY_FILE=%s is empty; it must hold the value"
                    .formatted(empty)
                + " of s3.secret-key.");
  }

  @Test
  void everyVariableMayComeFromAFileNotOnlySecrets() throws Exception {
    Path host = Files.writeString(workDir.resolve("host"), "db.internal\n");

    assertThat(load(Map.of("WAREHOUSE_HOST_FILE", host.toString())).warehouse().host())
        .isEqualTo(Optional.of("db.internal"));
  }
}
