package dev.taxiplatform.orchestrator.streaming;

import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.orchestrator.executor.InProcessTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Waits until the sink has consumed and committed every ride in the topic. */
@FunctionalInterface
public interface SinkDrain {
  void await(Duration timeout, InProcessTask.Log log) throws Exception;

  /** The sink's consumer group (from {@code config}) reaching the end of the rides' topic. */
  static SinkDrain of(PlatformConfig config) {
    return of(config, Optional.empty());
  }

  /**
   * The same, asking the sink serving {@code sinkEndpoint} (its metrics endpoint, e.g. {@code
   * http://127.0.0.1:9464}) to flush while it lags, rather than waiting for its flush interval.
   */
  static SinkDrain of(PlatformConfig config, Optional<String> sinkEndpoint) {
    return (timeout, log) -> {
      Runnable nudge = sinkEndpoint.<Runnable>map(e -> () -> requestFlush(e, log)).orElse(() -> {});
      new ConsumerLag(new Connections(config).kafka(), config.kafka().topic())
          .awaitDrained(config.sink().groupId(), timeout, log::line, nudge);
    };
  }

  private static void requestFlush(String sinkEndpoint, InProcessTask.Log log) {
    URI flush = URI.create(sinkEndpoint + "/flush");
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(flush)
                      .timeout(Duration.ofSeconds(10))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202) {
        log.line(
            "the sink answered %d to POST %s; waiting for its flush interval",
            response.statusCode(), flush);
      }
    } catch (java.io.IOException e) {
      log.line(
          "could not ask the sink to flush (%s); waiting for its flush interval", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
