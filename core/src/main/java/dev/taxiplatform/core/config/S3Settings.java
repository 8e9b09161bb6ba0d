package dev.taxiplatform.core.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * S3 settings. Without {@code endpoint} the platform runs its own embedded S3 server.
 *
 * @param endpoint an existing S3-compatible service to use instead of the embedded server
 * @param port the embedded server's port
 * @param region the signing region
 * @param accessKey the access key id (generated for the embedded server when unset)
 * @param secretKey the secret access key (generated for the embedded server when unset)
 * @param rawBucket bucket of raw ride files
 * @param processedBucket bucket of processed data
 */
public record S3Settings(
    Optional<URI> endpoint,
    int port,
    String region,
    Optional<String> accessKey,
    Optional<String> secretKey,
    String rawBucket,
    String processedBucket) {
  public static final ConfigKey<URI> ENDPOINT =
      ConfigKey.builder("s3.endpoint", ValueTypes.httpUrl())
          .env("S3_ENDPOINT")
          .description("Existing S3 service to use; unset runs the embedded S3 server.")
          .build();

  public static final ConfigKey<Integer> PORT =
      ConfigKey.builder("s3.port", ValueTypes.port())
          .env("S3_PORT")
          .defaultValue(4566)
          .description("Port of the embedded S3 server (the next free port if taken).")
          .build();

  public static final ConfigKey<String> REGION =
      ConfigKey.builder("s3.region", ValueTypes.text())
          .env("AWS_REGION", "AWS_DEFAULT_REGION")
          .defaultValue("us-east-1")
          .description("Region used to sign S3 requests.")
          .build();

  public static final ConfigKey<String> ACCESS_KEY =
      ConfigKey.builder("s3.access-key", ValueTypes.text())
          .env("AWS_ACCESS_KEY_ID")
          .description("S3 access key id; generated for the embedded server when unset.")
          .build();

  public static final ConfigKey<String> SECRET_KEY =
      ConfigKey.builder("s3.secret-key", ValueTypes.text())
          .env("AWS_SECRET_ACCESS_KEY")
          .secret()
          .description("S3 secret access key; generated for the embedded server when unset.")
          .build();

  public static final ConfigKey<String> RAW_BUCKET =
      ConfigKey.builder("s3.raw-bucket", ValueTypes.bucketName())
          .env("RAW_BUCKET")
          .defaultValue("platform-raw-data")
          .description("Bucket of raw ride files written by the sink.")
          .build();

  public static final ConfigKey<String> PROCESSED_BUCKET =
      ConfigKey.builder("s3.processed-bucket", ValueTypes.bucketName())
          .env("PROCESSED_BUCKET")
          .defaultValue("platform-processed-data")
          .description("Bucket of processed data written by the batch job.")
          .build();

  public static final List<ConfigKey<?>> KEYS =
      List.of(ENDPOINT, PORT, REGION, ACCESS_KEY, SECRET_KEY, RAW_BUCKET, PROCESSED_BUCKET);

  static S3Settings from(PlatformConfig config) {
    return new S3Settings(
        config.find(ENDPOINT),
        config.get(PORT),
        config.get(REGION),
        config.find(ACCESS_KEY),
        config.find(SECRET_KEY),
        config.get(RAW_BUCKET),
        config.get(PROCESSED_BUCKET));
  }

  /** True when the platform runs its own S3 server rather than using an existing service. */
  public boolean embedded() {
    return endpoint.isEmpty();
  }

  /** The platform's buckets, created at start when missing. */
  public List<String> buckets() {
    return List.of(rawBucket, processedBucket);
  }
}
