package dev.taxiplatform.core.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * Credentials generated for the embedded servers on first start and kept in the data directory,
 * readable by its owner only. Configured credentials always take precedence over these.
 *
 * @param s3AccessKey access key id of the embedded S3 server
 * @param s3SecretKey secret key of the embedded S3 server
 * @param warehousePassword password of the warehouse login role in the embedded PostgreSQL
 * @param postgresSuperuserPassword password of the embedded PostgreSQL's superuser
 */
public record StackSecrets(
    String s3AccessKey,
    String s3SecretKey,
    String warehousePassword,
    String postgresSuperuserPassword) {
  private static final String S3_ACCESS_KEY = "s3.access-key";
  private static final String S3_SECRET_KEY = "s3.secret-key";
  private static final String WAREHOUSE_PASSWORD = "warehouse.password";
  private static final String POSTGRES_SUPERUSER_PASSWORD = "postgres.superuser-password";

  public StackSecrets {
    requireNonNull(s3AccessKey, "s3AccessKey");
    requireNonNull(s3SecretKey, "s3SecretKey");
    requireNonNull(warehousePassword, "warehousePassword");
    requireNonNull(postgresSuperuserPassword, "postgresSuperuserPassword");
  }

  /** The secrets of the data directory, if generated already. */
  public static Optional<StackSecrets> read(StackLayout layout) {
    Path file = layout.secretsFile();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return Optional.of(
        new StackSecrets(
            properties.getProperty(S3_ACCESS_KEY),
            properties.getProperty(S3_SECRET_KEY),
            properties.getProperty(WAREHOUSE_PASSWORD),
            properties.getProperty(POSTGRES_SUPERUSER_PASSWORD)));
  }

  /** The secrets of the data directory, generated and stored on first use. */
  public static StackSecrets readOrCreate(StackLayout layout) {
    return read(layout).orElseGet(() -> create(layout));
  }

  private static StackSecrets create(StackLayout layout) {
    SecureRandom random = new SecureRandom();
    StackSecrets secrets =
        new StackSecrets("platform", randomToken(random), randomToken(random), randomToken(random));
    Properties properties = new Properties();
    properties.setProperty(S3_ACCESS_KEY, secrets.s3AccessKey());
    properties.setProperty(S3_SECRET_KEY, secrets.s3SecretKey());
    properties.setProperty(WAREHOUSE_PASSWORD, secrets.warehousePassword());
    properties.setProperty(POSTGRES_SUPERUSER_PASSWORD, secrets.postgresSuperuserPassword());
    Path file = layout.secretsFile();
    try {
      Files.createDirectories(file.getParent());
      Path temporary =
          Files.createTempFile(
              file.getParent(),
              "secrets",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer writer = Files.newBufferedWriter(temporary)) {
        properties.store(writer, "Generated credentials of the embedded servers. Keep private.");
      }
      try {
        Files.move(temporary, file);
      } catch (FileAlreadyExistsException e) {
        Files.delete(temporary);
        return read(layout).orElseThrow();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return secrets;
  }

  private static String randomToken(SecureRandom random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "StackSecrets[******]";
  }
}
