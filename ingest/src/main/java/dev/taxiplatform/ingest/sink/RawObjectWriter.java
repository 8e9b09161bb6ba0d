package dev.taxiplatform.ingest.sink;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.retry.Backoff;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Stores raw objects, riding out S3 outages: a transient failure (no connection, a timeout, a 5xx
 * or throttling answer) is retried with backoff for as long as it lasts, because the records wait
 * safely in Kafka meanwhile (their offsets are committed only after their objects are stored).
 * Other failures (access denied, no such bucket) are thrown: retrying cannot fix them. While one
 * upload takes longer than {@link #STALLED_AFTER}, {@link #problem()} says so, for the sink's
 * health. Re-putting an object is harmless: its key is a function of its records.
 */
final class RawObjectWriter {
  /** How long one upload may take before the sink reports itself unhealthy. */
  static final Duration STALLED_AFTER = Duration.ofSeconds(10);

  /** How long a stopping sink keeps retrying before it gives up (its records come again). */
  static final Duration RETRY_WHILE_STOPPING = Duration.ofSeconds(20);

  private static final Logger LOG = LoggerFactory.getLogger(RawObjectWriter.class);

  private final S3Client s3;
  private final String bucket;
  private final Backoff backoff;
  private final BooleanSupplier stopping;

  private volatile long uploadStartedMillis;
  private volatile String uploadKey;
  private volatile String lastFailure;
  private volatile int retries;

  RawObjectWriter(S3Client s3, String bucket, Backoff backoff, BooleanSupplier stopping) {
    this.s3 = requireNonNull(s3, "s3");
    this.bucket = requireNonNull(bucket, "bucket");
    this.backoff = requireNonNull(backoff, "backoff");
    this.stopping = requireNonNull(stopping, "stopping");
  }

  /** Stores {@code content} under {@code key}, retrying transient failures. */
  void put(String key, byte[] content) {
    long started = System.currentTimeMillis();
    uploadKey = key;
    uploadStartedMillis = started;
    retries = 0;
    try {
      for (int retry = 1; ; retry++) {
        try {
          s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
          if (retry > 1) {
            LOG.info("Stored s3://{}/{} after {} retries: S3 is back.", bucket, key, retry - 1);
          }
          return;
        } catch (SdkException e) {
          if (!isTransient(e) || givingUp(started)) {
            throw e;
          }
          Duration wait = backoff.delay(retry);
          lastFailure = firstLine(e);
          retries = retry;
          LOG.warn(
              "Storing s3://{}/{} failed ({}); retry {} in {} ms. The records wait in Kafka.",
              bucket,
              key,
              lastFailure,
              retry,
              wait.toMillis());
          pause(wait);
        }
      }
    } finally {
      uploadStartedMillis = 0;
      lastFailure = null;
    }
  }

  /** What is wrong while an upload is stalled or failing, else null. */
  String problem() {
    long started = uploadStartedMillis;
    if (started == 0) {
      return null;
    }
    long waited = System.currentTimeMillis() - started;
    if (waited < STALLED_AFTER.toMillis()) {
      return null;
    }
    String failure = lastFailure;
    return "storing s3://%s/%s has not succeeded for %d s%s"
        .formatted(
            bucket,
            uploadKey,
            waited / 1000,
            failure == null
                ? " (S3 does not answer)"
                : " (%d retries; last error: %s)".formatted(retries, failure));
  }

  static boolean isTransient(SdkException e) {
    if (e instanceof S3Exception s3Error) {
      int status = s3Error.statusCode();
      return status >= 500 || status == 429 || status == 408;
    }
    return e instanceof SdkClientException || e.retryable();
  }

  private boolean givingUp(long started) {
    return stopping.getAsBoolean()
        && System.currentTimeMillis() - started > RETRY_WHILE_STOPPING.toMillis();
  }

  private void pause(Duration wait) {
    long until = System.currentTimeMillis() + wait.toMillis();
    try {
      while (System.currentTimeMillis() < until) {
        Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to retry an S3 upload", e);
    }
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
