package dev.taxiplatform.infra.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.connect.S3Connection;
import dev.taxiplatform.core.net.PortAllocator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class EmbeddedS3Test {
  private static final String BUCKET = "platform-raw-data";
  private static final int OBJECTS = 1100;

  @TempDir Path dataDir;

  @Test
  void putGetAndPaginatedListOverTheS3ProtocolSurviveRestart() throws Exception {
    int port = new PortAllocator().allocate(14566).port();
    try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir, "127.0.0.1", port, "test-key", "test-secret");
        S3Client client =
            new S3Connection(s3.endpoint(), "us-east-1", "test-key", "test-secret").client()) {
      client.createBucket(b -> b.bucket(BUCKET));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> puts =
            IntStream.range(0, OBJECTS)
                .mapToObj(
                    i ->
                        pool.submit(
                            () ->
                                client.putObject(
                                    b -> b.bucket(BUCKET).key(key(i)),
                                    RequestBody.fromString("payload-" + i))))
                .<Future<?>>map(f -> f)
                .toList();
        for (Future<?> put : puts) {
          put.get();
        }
      } finally {
        pool.shutdown();
      }

      assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key(1042))).asUtf8String())
          .isEqualTo("payload-1042");
      assertThat(listAll(client)).hasSize(OBJECTS).first().isEqualTo(key(0));
      assertThat(client.listObjectsV2(b -> b.bucket(BUCKET)).contents()).hasSize(1000);
    }

    try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir, "127.0.0.1", port, "test-key", "test-secret");
        S3Client client =
            new S3Connection(s3.endpoint(), "us-east-1", "test-key", "test-secret").client()) {
      List<String> keys = listAll(client);
      assertThat(keys).hasSize(OBJECTS).endsWith(key(OBJECTS - 1));
      assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key(7))).asUtf8String())
          .isEqualTo("payload-7");
    }
  }

  @Test
  void requestsSignedWithOtherCredentialsAreRefused() {
    int port = new PortAllocator().allocate(14666).port();
    try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir, "127.0.0.1", port, "test-key", "test-secret");
        S3Client client =
            new S3Connection(s3.endpoint(), "us-east-1", "test-key", "wrong").client()) {
      assertThatThrownBy(client::listBuckets)
          .isInstanceOf(S3Exception.class)
          .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
    }
  }

  private static List<String> listAll(S3Client client) {
    return client
        .listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("taxi-rides/"))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  private static String key(int i) {
    return "taxi-rides/year=2026/month=11/day=24/taxi-rides+0+%020d.parquet".formatted(i);
  }
}
