package dev.taxiplatform.core.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChildStopHookTest {
  private final List<ProcessHandle> started = new ArrayList<>();

  @AfterEach
  void stopWhatIsLeft() {
    started.forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void aJvmAskedToStopStopsTheChildItRegistered() throws Exception {
    ProcessHandle child = childOfParentStopped("registered");

    assertThat(child.onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
  }

  @Test
  void aRemovedHookLeavesTheChildAlone() throws Exception {
    ProcessHandle child = childOfParentStopped("removed");

    assertThat(child.isAlive()).as("child %d after its parent stopped", child.pid()).isTrue();
  }

  /**
   * Starts {@link ParentWithChild} in its own JVM, reads the pid of the child it started, and stops
   * the parent with SIGTERM.
   */
  private ProcessHandle childOfParentStopped(String hook) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process parent =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ParentWithChild.class.getName(),
                hook)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    started.add(parent.toHandle());
    long pid;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      pid = Long.parseLong(lines.readLine().trim());
    }
    Optional<ProcessHandle> child = ProcessHandle.of(pid);
    assertThat(child).as("the child %d runs", pid).isPresent();
    started.add(child.get());

    parent.destroy();
    assertThat(parent.waitFor(30, TimeUnit.SECONDS)).as("the parent stopped").isTrue();
    return child.get();
  }

  /**
   * A parent process: starts a long {@code sleep}, registers its stop hook (and removes it again
   * with the argument {@code removed}), prints the child's pid and waits to be stopped.
   */
  public static final class ParentWithChild {
    public static void main(String[] args) throws Exception {
      Process child = new ProcessBuilder("sleep", "300").start();
      ChildStopHook hook = ChildStopHook.register(child, "sleep", Duration.ofSeconds(10));
      if (args[0].equals("removed")) {
        hook.remove();
      }
      System.out.println(child.pid());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
