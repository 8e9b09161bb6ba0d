package dev.taxiplatform.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.component.ComponentLaunch;
import dev.taxiplatform.core.stack.ServiceState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's launch hears how its process ended, so that a service which ended well keeps the
 * classes it listed as its class data archive.
 */
class ChildServiceTest {
  @TempDir Path directory;

  private final List<Integer> endings = new CopyOnWriteArrayList<>();

  @Test
  void aServiceStoppedBySigtermReportsExitCode143() {
    ChildService service = service("sleep", "600");
    service.start();
    assertThat(service.exitCode()).isEmpty();

    service.stop(Duration.ofSeconds(10));

    assertThat(endings).containsExactly(143);
  }

  @Test
  void aServiceThatCrashedReportsItsExitCodeWhenRestarted() throws Exception {
    ChildService service = service("sh", "-c", "exit 3");
    service.start();
    Instant deadline = Instant.now().plusSeconds(30);
    while (service.exitCode().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(service.exitCode()).contains(3);

    service.restart();
    service.stop(Duration.ofSeconds(10));

    assertThat(endings).hasSize(2).first().isEqualTo(3);
  }

  private ChildService service(String... command) {
    return new ChildService(
        "probe",
        ServiceState.Kind.EMBEDDED,
        "-",
        () ->
            new ComponentLaunch(
                new ProcessBuilder(command),
                exitCode -> {
                  endings.add(exitCode);
                  return Optional.empty();
                }),
        directory.resolve("probe.log"),
        Optional::empty);
  }
}
