package dev.taxiplatform.core.connect;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach S3: an endpoint with path-style access and static credentials.
 *
 * @param endpoint the service URL, e.g. {@code http://127.0.0.1:4566}
 * @param region the signing region
 * @param accessKey the access key id
 * @param secretKey the secret access key
 */
public record S3Connection(URI endpoint, String region, String accessKey, String secretKey) {
  /** The longest an S3 request may wait for the server's next bytes. */
  public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

  public S3Connection {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(region, "region");
    requireNonNull(accessKey, "accessKey");
    requireNonNull(secretKey, "secretKey");
  }

  /** A client for this connection; close it after use. */
  public S3Client client() {
    return clientBuilder().build();
  }

  /**
   * A client whose every call, retries included, fails after {@code callTimeout}: for health
   * checks, which must answer even when the server hangs. Close it after use.
   */
  public S3Client client(Duration callTimeout) {
    return clientBuilder()
        .overrideConfiguration(
            o -> o.apiCallTimeout(callTimeout).apiCallAttemptTimeout(callTimeout))
        .build();
  }

  /** A builder of clients for this connection, to add to (e.g. request interceptors). */
  public S3ClientBuilder clientBuilder() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClientBuilder(
            ApacheHttpClient.builder()
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                // A server that stops answering mid-request fails the request after this much
                // silence instead of hanging it; callers retry with backoff.
                .socketTimeout(SOCKET_TIMEOUT));
  }

  @Override
  public String toString() {
    return "S3Connection[endpoint=%s, region=%s, accessKey=%s, secretKey=******]"
        .formatted(endpoint, region, accessKey);
  }
}
