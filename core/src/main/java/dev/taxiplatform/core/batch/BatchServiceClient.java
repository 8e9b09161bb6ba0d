package dev.taxiplatform.core.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.processed.BatchLedger;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits a run to a batch service ({@code platform batch-service}) and waits for its answer: what
 * {@code platform batch} does while a service runs, and the orchestrator for a pipeline's batch
 * task.
 */
public final class BatchServiceClient {
  /** The path runs are submitted to. */
  public static final String RUNS_PATH = "/runs";

  private static final Logger LOG = LoggerFactory.getLogger(BatchServiceClient.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final int CONFLICT = 409;

  private final URI endpoint;
  private volatile HttpURLConnection current;
  private volatile boolean abandoned;

  public BatchServiceClient(URI endpoint) {
    this.endpoint = requireNonNull(endpoint, "endpoint");
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Runs the job on the service; empty when the service cannot be reached or serves other buckets
   * (nothing was run, so the caller may run it in its own process).
   */
  public Optional<BatchServiceAnswer> submit(BatchRunRequest request) {
    URI runs = endpoint.resolve(RUNS_PATH + "?" + request.query());
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
      current = connection;
      if (abandoned) {
        throw PlatformException.failed("The run was abandoned before it was submitted", null);
      }
      connection.connect();
    } catch (ConnectException | SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw PlatformException.failed(
          "Cannot reach the batch service at %s: %s".formatted(endpoint, e), e);
    } catch (RuntimeException e) {
      throw abandonedOr(e);
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
      throw stoppedAnswering(e);
    } catch (RuntimeException e) {
      throw abandonedOr(e);
    } finally {
      connection.disconnect();
    }
    if (status == CONFLICT) {
      LOG.info("The batch service at {} serves other buckets: {}", endpoint, body);
      return Optional.empty();
    }
    try {
      return Optional.of(new BatchServiceAnswer(BatchLedger.mapper().readTree(body)));
    } catch (IOException e) {
      throw PlatformException.failed(
          "The batch service at %s answered HTTP %d with no run result: %s"
              .formatted(endpoint, status, body),
          e);
    }
  }

  private PlatformException stoppedAnswering(Exception cause) {
    return PlatformException.failed(
        ("The batch service at %s stopped answering during the run (%s). Nothing the run wrote is"
                + " visible unless it committed: run `platform batch` again.")
            .formatted(endpoint, abandoned ? "the run was abandoned" : cause),
        cause);
  }

  /**
   * {@code e} as it is, unless the run was abandoned: {@link HttpURLConnection} is not thread-safe,
   * and {@link #abandon} disconnecting it mid-exchange can surface as any exception here.
   */
  private RuntimeException abandonedOr(RuntimeException e) {
    return abandoned ? stoppedAnswering(e) : e;
  }

  /**
   * Stops waiting for the run being submitted (from another thread): its {@link #submit} fails at
   * once. The service may still finish the run and commit it, as when a client process is killed.
   */
  public void abandon() {
    abandoned = true;
    HttpURLConnection connection = current;
    if (connection != null) {
      connection.disconnect();
    }
  }
}
