package dev.taxiplatform.ingest.sink;

import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A sink process whose hook stops it once its {@code n}th batch is stored and before that batch's
 * offsets are committed, for a test to kill it there. Arguments: n, the data directory, then
 * configuration settings ({@code key=value}).
 */
final class SinkStoppedBeforeCommit {
  static final String STOPPED = "stored, not committed: ";

  private SinkStoppedBeforeCommit() {}

  public static void main(String[] args) throws Exception {
    int stopAt = Integer.parseInt(args[0]);
    Path dataDir = Path.of(args[1]);
    List<ConfigOverrides.Flag> flags = new ArrayList<>();
    flags.add(ConfigOverrides.Flag.dataDir(dataDir));
    for (int i = 2; i < args.length; i++) {
      String[] setting = args[i].split("=", 2);
      flags.add(new ConfigOverrides.Flag(setting[0], setting[1], "--set " + setting[0]));
    }
    PlatformConfig config =
        new ConfigLoader(Map.of(), dataDir)
            .load(new ConfigOverrides(java.util.Optional.empty(), flags));
    Connections connections = new Connections(config);
    AtomicInteger stored = new AtomicInteger();
    try (S3Client s3 = connections.s3().client();
        RideSink sink =
            new RideSink(
                SinkOptions.from(config),
                connections.kafka(),
                s3,
                new SinkMetrics(new SimpleMeterRegistry(), 0),
                FlushObserver.NONE,
                (partition, nextOffset) -> {
                  if (stored.incrementAndGet() == stopAt) {
                    System.out.println(STOPPED + partition + " " + nextOffset);
                    System.out.flush();
                    sleepForever();
                  }
                })) {
      sink.run();
    }
  }

  private static void sleepForever() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
