package dev.taxiplatform.orchestrator.streaming;

import dev.taxiplatform.core.config.PlatformConfig;

/** The consumer group the sink consumes ride events in. */
final class SinkGroup {
  private SinkGroup() {}

  static String of(PlatformConfig config) {
    return config.sink().groupId();
  }
}
