package dev.taxiplatform.core.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFilesTest {
  @TempDir Path dataDir;

  @Test
  void stateRoundTripsAndIsDeleted() {
    StackLayout layout = new StackLayout(dataDir);
    StackState state =
        new StackState(
            42,
            StackState.Status.READY,
            Instant.parse("2026-11-24T03:00:00Z"),
            "ready",
            List.of(
                new ServiceState(
                    "kafka",
                    ServiceState.Kind.EMBEDDED,
                    7,
                    "127.0.0.1:9092",
                    ServiceState.Health.HEALTHY,
                    1,
                    "/l/kafka.log"),
                new ServiceState(
                    "s3",
                    ServiceState.Kind.EXTERNAL,
                    0,
                    "https://s3.example",
                    ServiceState.Health.UNHEALTHY,
                    0,
                    "")));

    state.write(layout);

    assertThat(StackState.read(layout)).contains(state);
    assertThat(StackState.read(layout).orElseThrow().service("kafka").orElseThrow().endpoint())
        .isEqualTo("127.0.0.1:9092");
    StackState.delete(layout);
    assertThat(StackState.read(layout)).isEmpty();
  }

  @Test
  void theStateOfALiveSupervisorSaysSo() {
    StackState alive =
        new StackState(
            ProcessHandle.current().pid(), StackState.Status.READY, Instant.now(), "", List.of());
    StackState dead =
        new StackState(Long.MAX_VALUE - 1, StackState.Status.READY, Instant.now(), "", List.of());

    assertThat(alive.supervisorAlive()).isTrue();
    assertThat(dead.supervisorAlive()).isFalse();
  }

  @Test
  void secretsAreGeneratedOnceAndReadableByTheOwnerOnly() throws Exception {
    StackLayout layout = new StackLayout(dataDir);

    StackSecrets first = StackSecrets.readOrCreate(layout);
    StackSecrets second = StackSecrets.readOrCreate(layout);

    assertThat(second).isEqualTo(first);
    assertThat(first.s3AccessKey()).isEqualTo("platform");
    assertThat(first.s3SecretKey()).hasSize(32).isNotEqualTo(first.warehousePassword());
    assertThat(first.postgresSuperuserPassword())
        .hasSize(32)
        .isNotEqualTo(first.warehousePassword());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.secretsFile())))
        .isEqualTo("rw-------");
    assertThat(first.toString()).doesNotContain(first.s3SecretKey());
    assertThat(first.warehouseReaderPassword()).hasSize(32).isNotEqualTo(first.warehousePassword());
  }

  @Test
  void aSecretMissingFromAnOlderFileIsAddedKeepingTheOthers() throws Exception {
    StackLayout layout = new StackLayout(dataDir);
    Files.createDirectories(dataDir);
    Files.writeString(
        layout.secretsFile(),
        "s3.access-key=platform\ns3.secret-key=s3-old\nwarehouse.password=wh-old\n"
            + "postgres.superuser-password=su-old\n");

    assertThat(StackSecrets.read(layout).orElseThrow().warehouseReaderPassword()).isEmpty();
    StackSecrets upgraded = StackSecrets.readOrCreate(layout);

    assertThat(upgraded.s3SecretKey()).isEqualTo("s3-old");
    assertThat(upgraded.warehousePassword()).isEqualTo("wh-old");
    assertThat(upgraded.postgresSuperuserPassword()).isEqualTo("su-old");
    assertThat(upgraded.warehouseReaderPassword()).hasSize(32);
    assertThat(StackSecrets.read(layout)).contains(upgraded);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.secretsFile())))
        .isEqualTo("rw-------");
  }
}
