package dev.taxiplatform.infra.s3;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.config.ServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-protocol server on the configured address that stores objects as files in its data
 * directory (s3proxy with its filesystem backend). Requests must be signed (AWS signature v2 or v4)
 * with its credentials.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
  private final S3Proxy proxy;
  private final URI endpoint;

  private EmbeddedS3(S3Proxy proxy, URI endpoint) {
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  /**
   * Starts serving.
   *
   * @param dataDir directory of the buckets (created when missing)
   * @param bindHost the address to listen on ({@code 0.0.0.0}: every interface)
   * @param port port to listen on
   * @param accessKey the access key id clients sign with
   * @param secretKey the secret key clients sign with
   */
  public static EmbeddedS3 start(
      Path dataDir, String bindHost, int port, String accessKey, String secretKey) {
    requireNonNull(bindHost, "bindHost");
    requireNonNull(accessKey, "accessKey");
    requireNonNull(secretKey, "secretKey");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create S3 data directory " + dataDir, e);
    }
    URI listenOn = URI.create("http://%s:%d".formatted(ServerSettings.inUri(bindHost), port));
    URI endpoint =
        URI.create(
            "http://%s:%d"
                .formatted(ServerSettings.inUri(ServerSettings.localHostOf(bindHost)), port));
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()))
            .endpoint(listenOn)
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the S3 server on " + listenOn, e);
    }
    LOG.info("S3 listening on {} (data in {})", listenOn, dataDir);
    return new EmbeddedS3(proxy, endpoint);
  }

  /** The endpoint clients on this machine use. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the S3 server", e);
    }
  }
}
