package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a run reads its raw objects from: the raw bucket, or local copies of them.
 *
 * <p>A small run with a local Spark master downloads its objects first, one request each, side by
 * side, and reads the copies: reading them from the bucket, the footer check, the event dates'
 * read, Spark's existence check, its listing and its tasks each ask the S3 server for every object
 * again (about ten requests per object). Rows keep the object's {@code s3a://} path as their {@code
 * source_object} either way, and the copies go when the run ends.
 */
abstract class ObjectReads implements AutoCloseable {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9._\\-+=/]+");

  private final String bucket;

  private ObjectReads(String bucket) {
    this.bucket = requireNonNull(bucket, "bucket");
  }

  /** Reads from the bucket. */
  static ObjectReads inBucket(String bucket) {
    return new InBucket(bucket);
  }

  /**
   * Whether every one of {@code keys} names a file under a copies' directory as plainly as it names
   * the object: letters, digits and {@code . _ - + = /}, no {@code ..} segment and no empty one.
   * Other keys are read from the bucket: a copy must not land outside its directory, and the
   * object's path must read the same in a file URI as in an {@code s3a://} one.
   */
  static boolean copyable(List<String> keys) {
    return keys.stream().allMatch(ObjectReads::copyable);
  }

  private static boolean copyable(String key) {
    if (!PLAIN_KEY.matcher(key).matches()) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Downloads the objects {@code keys} of {@code bucket} into a new directory under {@code parent}.
   */
  static ObjectReads copied(S3Client s3, String bucket, List<String> keys, Path parent) {
    if (!copyable(keys)) {
      throw new IllegalArgumentException("Keys of " + bucket + " that cannot be copied: " + keys);
    }
    Path directory;
    try {
      Files.createDirectories(parent);
      directory = Files.createTempDirectory(parent, bucket + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot make a directory for objects of " + bucket + " in " + parent, e);
    }
    Copies copies = new Copies(bucket, directory);
    try {
      ParallelReads.map(keys, key -> copies.download(s3, key), "downloading objects of " + bucket);
    } catch (RuntimeException e) {
      copies.close();
      throw e;
    }
    return copies;
  }

  final String bucket() {
    return bucket;
  }

  /** The object's path in the bucket, as rows name it. */
  final String objectPath(String key) {
    return "s3a://" + bucket + "/" + key;
  }

  /**
   * The path Spark and the checks read the object {@code key} from, or the directory of the objects
   * under the prefix {@code key}.
   */
  abstract String path(String key);

  /** The object's path in the bucket of the file at {@code filePath} (Spark's file metadata). */
  abstract Column sourceObject(Column filePath);

  @Override
  public abstract void close();

  private static final class InBucket extends ObjectReads {
    InBucket(String bucket) {
      super(bucket);
    }

    @Override
    String path(String key) {
      return objectPath(key);
    }

    @Override
    Column sourceObject(Column filePath) {
      return filePath;
    }

    @Override
    public void close() {}
  }

  private static final class Copies extends ObjectReads {
    private final Path directory;

    Copies(String bucket, Path directory) {
      super(bucket);
      this.directory = directory;
    }

    Path download(S3Client s3, String key) {
      Path copy = directory.resolve(key);
      try {
        Files.createDirectories(copy.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot make a directory for " + copy, e);
      }
      s3.getObject(b -> b.bucket(bucket()).key(key), ResponseTransformer.toFile(copy));
      return copy;
    }

    @Override
    String path(String key) {
      return directory.resolve(key).toUri().toString();
    }

    @Override
    Column sourceObject(Column filePath) {
      // The directory's name is unique and the key follows it, encoded as in an s3a:// path.
      return concat(lit(objectPath("")), substring_index(filePath, directoryMarker(), -1));
    }

    private String directoryMarker() {
      return "/" + directory.getFileName() + "/";
    }

    @Override
    public void close() {
      BatchCommand.deleteRecursively(directory);
    }
  }
}
