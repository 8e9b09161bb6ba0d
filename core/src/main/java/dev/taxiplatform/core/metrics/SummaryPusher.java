package dev.taxiplatform.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the summary of a short-lived command's run (batch, load, transform) to a Prometheus
 * Pushgateway, replacing the job's previous summary. Prometheus scrapes the gateway, so the last
 * run's figures and the time of the last success are there between runs.
 *
 * <p>A push that fails is logged and otherwise ignored: the run's work is done either way.
 */
public final class SummaryPusher {
  /** The local stack's service that runs the Pushgateway. */
  public static final String PUSHGATEWAY_SERVICE = "pushgateway";

  private static final Logger LOG = LoggerFactory.getLogger(SummaryPusher.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern JOB_NAME = Pattern.compile("[a-z][a-z0-9_-]*");

  private final URI gateway;
  private final HttpClient client;

  public SummaryPusher(URI gateway) {
    this.gateway = requireNonNull(gateway, "gateway");
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /**
   * The pusher of {@code config}: to {@code monitoring.pushgateway-url}, else to the local stack's
   * Pushgateway when it runs one; empty when there is none.
   */
  public static Optional<SummaryPusher> forConfig(PlatformConfig config) {
    return config
        .monitoring()
        .pushgatewayUrl()
        .or(
            () ->
                StackState.liveEndpoint(new StackLayout(config.dataDir()), PUSHGATEWAY_SERVICE)
                    .map(URI::create))
        .map(SummaryPusher::new);
  }

  /**
   * Replaces job {@code job}'s metrics in the gateway with {@code metrics} (numbers) plus {@code
   * taxi_<job>_last_success_timestamp_seconds} set to {@code finishedAt}.
   *
   * @return whether the gateway accepted them
   */
  public boolean pushSuccess(String job, Map<String, ?> metrics, Instant finishedAt) {
    return send(job, render(job, metrics, Optional.of(finishedAt)), "PUT");
  }

  /**
   * Replaces the values of {@code metrics} (numbers) in job {@code job}'s group and keeps its other
   * metrics, so the time of the job's last success stays what it was.
   *
   * @return whether the gateway accepted them
   */
  public boolean pushFailure(String job, Map<String, ?> metrics) {
    return send(job, render(job, metrics, Optional.empty()), "POST");
  }

  private boolean send(String job, String body, String method) {
    URI target = gateway.resolve("/metrics/job/" + job);
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(target)
                  .timeout(TIMEOUT)
                  .header("Content-Type", "text/plain; version=0.0.4")
                  .method(method, HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        LOG.info("Run summary pushed to {}", target);
        return true;
      }
      LOG.warn(
          "The Pushgateway at {} refused the run summary: {} {}",
          target,
          response.statusCode(),
          response.body().strip());
    } catch (IOException e) {
      LOG.warn("Cannot push the run summary to {}: {}", target, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** The Prometheus text exposition of a job's summary. */
  static String render(String job, Map<String, ?> metrics, Instant finishedAt) {
    return render(job, metrics, Optional.of(finishedAt));
  }

  private static String render(String job, Map<String, ?> metrics, Optional<Instant> finishedAt) {
    if (!JOB_NAME.matcher(job).matches()) {
      throw new IllegalArgumentException("Not a job name: " + job);
    }
    StringBuilder text = new StringBuilder();
    metrics.forEach(
        (name, value) -> {
          if (!METRIC_NAME.matcher(name).matches() || !(value instanceof Number)) {
            throw new IllegalArgumentException("Not a metric: " + name + " = " + value);
          }
          text.append("# TYPE ").append(name).append(" gauge\n");
          text.append(name).append(' ').append(value).append('\n');
        });
    if (finishedAt.isPresent()) {
      String success = "taxi_" + job.replace('-', '_') + "_last_success_timestamp_seconds";
      text.append("# TYPE ").append(success).append(" gauge\n");
      text.append(success)
          .append(' ')
          .append(finishedAt.get().toEpochMilli() / 1000.0)
          .append('\n');
    }
    return text.toString();
  }
}
