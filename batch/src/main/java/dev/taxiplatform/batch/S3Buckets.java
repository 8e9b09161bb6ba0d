package dev.taxiplatform.batch;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.connect.S3Connection;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Checks, before any work, that S3 answers and the buckets exist. */
final class S3Buckets {
  private S3Buckets() {}

  static void requireReachable(S3Client s3, S3Connection connection, List<String> buckets) {
    for (String bucket : buckets) {
      try {
        s3.headBucket(b -> b.bucket(bucket));
      } catch (NoSuchBucketException e) {
        throw missing(bucket);
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          throw missing(bucket);
        }
        throw new PlatformException(
            ExitCodes.UNAVAILABLE,
            "S3 at %s refused access to bucket %s (HTTP %d). Check the credentials (s3.access-key,"
                    .formatted(connection.endpoint(), bucket, e.statusCode())
                + " s3.secret-key).",
            e);
      } catch (SdkClientException e) {
        throw new PlatformException(
            ExitCodes.UNAVAILABLE,
            "S3 at %s is unreachable (%s). Start the local stack (./platform up --detach) or fix"
                    .formatted(connection.endpoint(), e.getMessage())
                + " s3.endpoint.",
            e);
      }
    }
  }

  private static PlatformException missing(String bucket) {
    return new PlatformException(
        ExitCodes.USAGE,
        "Bucket %s does not exist. Create it, or set s3.raw-bucket / s3.processed-bucket to the"
                .formatted(bucket)
            + " buckets to use (./platform up creates the default ones).");
  }
}
