package dev.taxiplatform.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping real processes, including one whose parent never reaps it. */
class ProcessesTest {
  @Test
  @Timeout(60)
  void aStoppedProcessItsParentDoesNotReapCountsAsStopped() throws Exception {
    // The shell starts a sleep in the background, prints its pid, then becomes a sleep itself:
    // nothing will wait for the first sleep, so once stopped it stays a zombie.
    Process parent =
        new ProcessBuilder("sh", "-c", "sleep 300 & echo $!; exec sleep 300")
            .redirectErrorStream(true)
            .start();
    try {
      long pid;
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
        pid = Long.parseLong(reader.readLine().trim());
        // Until the shell has become the sleep, it may still reap its child itself.
        awaitCommand(parent.pid(), "sleep");
        ProcessHandle orphanToBe = ProcessHandle.of(pid).orElseThrow();

        boolean stopped = Processes.stop(orphanToBe, Duration.ofSeconds(30));

        assertThat(stopped).as("stopped by SIGTERM within the grace period").isTrue();
        assertThat(state(pid)).as("a zombie, not reaped by its parent").isEqualTo('Z');
        assertThat(Processes.hasExited(orphanToBe)).isTrue();
        assertThat(Processes.isAlive(pid)).isFalse();
      }
    } finally {
      parent.destroyForcibly().waitFor();
    }
  }

  @Test
  @Timeout(60)
  void aRunningProcessIsStoppedAndReaped() throws Exception {
    Process child = new ProcessBuilder("sleep", "300").start();

    assertThat(Processes.hasExited(child.toHandle())).isFalse();
    assertThat(Processes.stop(child.toHandle(), Duration.ofSeconds(30))).isTrue();
    assertThat(child.waitFor()).as("ended by SIGTERM").isEqualTo(143);
  }

  private static void awaitCommand(long pid, String command) throws Exception {
    Path comm = Path.of("/proc", Long.toString(pid), "comm");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.readString(comm).trim().equals(command)) {
      assertThat(System.nanoTime()).as("process %d runs %s", pid, command).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static char state(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }
}
