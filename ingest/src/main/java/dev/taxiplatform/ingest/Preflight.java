package dev.taxiplatform.ingest;

import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.connect.KafkaConnection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checks before a command starts work: the topics and bucket it needs exist, or the user is told
 * what to start (exit code 3).
 */
public final class Preflight {
  private Preflight() {}

  /** Fails unless every topic exists on the cluster. */
  public static void requireTopics(KafkaConnection kafka, List<String> topics) {
    try (Admin admin = kafka.admin("preflight")) {
      admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PlatformException.unavailable("Interrupted while checking Kafka.", e);
    } catch (Exception e) {
      throw PlatformException.unavailable(
          "Cannot use topic(s) %s on Kafka at %s: %s. Start the stack (./platform up) or create them."
              .formatted(String.join(", ", topics), kafka.bootstrapServers(), rootMessage(e)),
          e);
    }
  }

  /** Fails unless the bucket exists. */
  public static void requireBucket(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (SdkException e) {
      throw PlatformException.unavailable(
          "Cannot use bucket %s: %s. Start the stack (./platform up) or create the bucket."
              .formatted(bucket, rootMessage(e)),
          e);
    }
  }

  /** The innermost cause's message: what actually went wrong. */
  public static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
