package dev.taxiplatform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.stack.ServiceState;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stack heals a server whose real process dies behind its wrapper: PostgreSQL's postmaster is
 * killed with SIGKILL while the wrapper JVM the supervisor started stays up. {@code status} reports
 * it at once; the supervisor restarts the service after its failed health checks; the stack is
 * healthy again, with its data, without {@code down}.
 */
class StackHealingTest {
  @Test
  void aKilledPostgresServerBehindItsWrapperIsRestartedAndTheStackIsHealthyAgain()
      throws Exception {
    Path dataDir = Files.createTempDirectory("healing-stack").resolve("data");
    // Checks every 2 s: the six failed checks before a restart take 12 s, not a minute.
    try (LocalStack stack =
        LocalStack.start(
            dataDir, "--infrastructure-only", "--set", "stack.health-check-interval=2s")) {
      StackLayout layout = new StackLayout(dataDir);
      WarehouseConnection warehouse = stack.connections().warehouse();
      try (Connection connection = warehouse.open();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE healing_probe (value integer)");
        statement.execute("INSERT INTO healing_probe VALUES (40), (2)");
      }
      long wrapper = postgres(layout).pid();
      long postmaster = postmasterPid(layout);
      assertThat(postmaster).isNotEqualTo(wrapper);

      kill(postmaster);

      PlatformCli.Result unhealthy = status(stack, dataDir);
      assertThat(unhealthy.exitCode()).as(unhealthy.toString()).isEqualTo(1);
      assertThat(unhealthy.output())
          .containsPattern("\"name\" : \"postgres\",[^}]*\"health\" : \"UNHEALTHY\"");
      assertThat(ProcessHandle.of(wrapper).map(ProcessHandle::isAlive)).contains(true);

      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      PlatformCli.Result healthy = status(stack, dataDir);
      while (healthy.exitCode() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(2_000);
        healthy = status(stack, dataDir);
      }
      assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
      assertThat(postgres(layout).pid()).isNotEqualTo(wrapper);
      assertThat(postgres(layout).restarts()).isEqualTo(1);
      assertThat(postmasterPid(layout)).isNotEqualTo(postmaster);
      try (Connection connection = warehouse.open();
          Statement statement = connection.createStatement();
          ResultSet sum = statement.executeQuery("SELECT sum(value) FROM healing_probe")) {
        assertThat(sum.next()).isTrue();
        assertThat(sum.getLong(1)).isEqualTo(42);
      }
      String supervisorLog = Files.readString(layout.logFile("supervisor"), StandardCharsets.UTF_8);
      assertThat(supervisorLog)
          .containsPattern("restarting postgres in 2\\.0 s \\(\\d+ health checks failed in a row:")
          .contains("✓ postgres healthy again");
    }
  }

  private static PlatformCli.Result status(LocalStack stack, Path dataDir) {
    return stack.cli().run("status", "--json", "--data-dir", dataDir.toString());
  }

  private static ServiceState postgres(StackLayout layout) {
    return StackState.read(layout).flatMap(s -> s.service(Connections.POSTGRES)).orElseThrow();
  }

  private static long postmasterPid(StackLayout layout) throws Exception {
    Path pidFile = layout.postgresDir().resolve("cluster").resolve("postmaster.pid");
    return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
  }

  private static void kill(long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }
}
