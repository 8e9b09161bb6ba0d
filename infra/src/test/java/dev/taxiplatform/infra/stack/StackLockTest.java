package dev.taxiplatform.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.stack.StackLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLockTest {
  @TempDir Path dataDir;

  @Test
  @SuppressWarnings("try") // the first lock is held, unused, while the second start tries
  void onlyOneDetachedStartAtATimePerDataDirectory() {
    StackLayout layout = new StackLayout(dataDir);
    try (StackLock first = StackLock.acquireStart(layout)) {
      assertThatThrownBy(() -> StackLock.acquireStart(layout))
          .isInstanceOfSatisfying(
              PlatformException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
          .hasMessage(
              "Another `platform up` is starting a stack for data directory %s right now. Wait"
                      .formatted(dataDir)
                  + " for it (`./platform status`), or use a different --data-dir.");
      // The start lock is not the stack's lock: the supervisor it starts can take that one.
      assertThat(StackLock.isHeld(layout)).isFalse();
    }
    try (StackLock again = StackLock.acquireStart(layout)) {
      assertThat(again).isNotNull();
    }
  }
}
