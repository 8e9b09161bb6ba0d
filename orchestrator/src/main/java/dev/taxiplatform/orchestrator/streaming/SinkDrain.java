package dev.taxiplatform.orchestrator.streaming;

import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.orchestrator.executor.InProcessTask;
import java.time.Duration;

/** Waits until the sink has consumed and committed every ride in the topic. */
@FunctionalInterface
public interface SinkDrain {
  void await(Duration timeout, InProcessTask.Log log) throws Exception;

  /** The sink's consumer group (from {@code config}) reaching the end of the rides' topic. */
  static SinkDrain of(PlatformConfig config) {
    return (timeout, log) ->
        new ConsumerLag(new Connections(config).kafka(), config.kafka().topic())
            .awaitDrained(config.sink().groupId(), timeout, log::line);
  }
}
