package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.processed.BatchLedger;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
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

  BatchServiceClient(URI endpoint) {
    this.endpoint = requireNonNull(endpoint, "endpoint");
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
    // HttpURLConnection rather than java.net.http: the client's TLS set-up costs about 0.3 s of
    // the command's start, on every pipeline cycle, for a plain-HTTP service.
    HttpURLConnection connection;
    try {
      connection = (HttpURLConnection) runs.toURL().openConnection(Proxy.NO_PROXY);
      connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      // A streamed request is never sent twice: a run is not resubmitted when the service dies.
      connection.setFixedLengthStreamingMode(0);
      connection.connect();
    } catch (ConnectException | SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw PlatformException.failed(
          "Cannot reach the batch service at %s: %s".formatted(endpoint, e), e);
    }
    int status;
    String body;
    try {
      connection.getOutputStream().close();
      status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      body = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw PlatformException.failed(
          ("The batch service at %s stopped answering during the run (%s). Nothing the run wrote is"
                  + " visible unless it committed: run `platform batch` again.")
              .formatted(endpoint, e),
          e);
    } finally {
      connection.disconnect();
    }
    if (status == CONFLICT) {
      LOG.info("The batch service at {} serves other buckets: {}", endpoint, body);
      return Optional.empty();
    }
    try {
      return Optional.of(BatchLedger.mapper().readTree(body));
    } catch (IOException e) {
      throw PlatformException.failed(
          "The batch service at %s answered HTTP %d with no run result: %s"
              .formatted(endpoint, status, body),
          e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
