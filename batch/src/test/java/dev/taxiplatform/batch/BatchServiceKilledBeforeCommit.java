package dev.taxiplatform.batch;

import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.PlatformConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch service process whose hook stops every run once it has written all its files and before
 * it commits its manifest, for a test to kill the service there. Arguments: the data directory,
 * then configuration settings ({@code key=value}). It serves on a free port, printed as the real
 * service prints it.
 */
final class BatchServiceKilledBeforeCommit {
  static final String STOPPED = "written, not committed: run ";

  private BatchServiceKilledBeforeCommit() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    List<ConfigOverrides.Flag> flags = new ArrayList<>();
    flags.add(ConfigOverrides.Flag.dataDir(dataDir));
    for (int i = 1; i < args.length; i++) {
      String[] setting = args[i].split("=", 2);
      flags.add(new ConfigOverrides.Flag(setting[0], setting[1], "--set " + setting[0]));
    }
    PlatformConfig config =
        new ConfigLoader(Map.of(), dataDir).load(new ConfigOverrides(Optional.empty(), flags));
    BatchServiceCommand.serve(
        config,
        0,
        false,
        sequence -> {
          System.out.println(STOPPED + sequence);
          System.out.flush();
          try {
            Thread.sleep(Long.MAX_VALUE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }
}
