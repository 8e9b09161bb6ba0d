package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.processed.BatchLedger;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submits a run to a batch service and waits for its answer. */
final class BatchServiceClient {
  private static final Logger LOG = LoggerFactory.getLogger(BatchServiceClient.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final int CONFLICT = 409;

  private final URI endpoint;
  private final HttpClient client;

  BatchServiceClient(URI endpoint) {
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  URI endpoint() {
    return endpoint;
  }

  /**
   * Runs the job on the service; empty when the service cannot be reached or serves other buckets
   * (nothing was run, so the caller may run in-process).
   */
  Optional<JsonNode> submit(BatchStorage storage, boolean fullRefresh, String onCorrupt) {
    StringBuilder query = new StringBuilder("full-refresh=").append(fullRefresh);
    query.append("&raw-bucket=").append(encode(storage.rawBucket()));
    query.append("&topic=").append(encode(storage.rawTopic()));
    query.append("&processed-bucket=").append(encode(storage.processedBucket()));
    query.append("&on-corrupt=").append(encode(onCorrupt));
    URI runs = endpoint.resolve(BatchService.RUNS_PATH + "?" + query);
    HttpRequest request =
        HttpRequest.newBuilder(runs).POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw PlatformException.failed(
          ("The batch service at %s stopped answering during the run (%s). Nothing the run wrote is"
                  + " visible unless it committed: run `platform batch` again.")
              .formatted(endpoint, e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PlatformException.failed("Interrupted while waiting for the batch service", e);
    }
    if (response.statusCode() == CONFLICT) {
      LOG.info("The batch service at {} serves other buckets: {}", endpoint, response.body());
      return Optional.empty();
    }
    try {
      return Optional.of(BatchLedger.mapper().readTree(response.body()));
    } catch (IOException e) {
      throw PlatformException.failed(
          "The batch service at %s answered HTTP %d with no run result: %s"
              .formatted(endpoint, response.statusCode(), response.body()),
          e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
