package dev.taxiplatform.infra.provision;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.connect.S3Connection;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Creates the platform's buckets when missing; existing buckets and their objects are kept. */
public final class BucketProvisioner {
  private final S3Connection connection;

  public BucketProvisioner(S3Connection connection) {
    this.connection = requireNonNull(connection, "connection");
  }

  /**
   * Makes sure every bucket exists.
   *
   * @return one line per bucket saying whether it was created or already there
   */
  public List<String> ensureBuckets(List<String> buckets) {
    List<String> report = new ArrayList<>();
    try (S3Client client = connection.client()) {
      for (String bucket : buckets) {
        if (exists(client, bucket)) {
          report.add("bucket %s exists".formatted(bucket));
          continue;
        }
        try {
          client.createBucket(b -> b.bucket(bucket));
          report.add("created bucket %s".formatted(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
          report.add("bucket %s exists".formatted(bucket));
        }
      }
    }
    return report;
  }

  private static boolean exists(S3Client client, String bucket) {
    try {
      client.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
