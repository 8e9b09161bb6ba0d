package dev.taxiplatform.core.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * @param warehouseReaderPassword password of the warehouse's read-only login role ("" in a file
 *     written before there was one: {@link #readOrCreate} adds it)
 */
public record StackSecrets(
    String s3AccessKey,
    String s3SecretKey,
    String warehousePassword,
    String postgresSuperuserPassword,
    String warehouseReaderPassword) {
  private static final String S3_ACCESS_KEY = "s3.access-key";
  private static final String S3_SECRET_KEY = "s3.secret-key";
  private static final String WAREHOUSE_PASSWORD = "warehouse.password";
  private static final String POSTGRES_SUPERUSER_PASSWORD = "postgres.superuser-password";
  private static final String WAREHOUSE_READER_PASSWORD = "warehouse.reader-password";

  public StackSecrets {
    requireNonNull(s3AccessKey, "s3AccessKey");
    requireNonNull(s3SecretKey, "s3SecretKey");
    requireNonNull(warehousePassword, "warehousePassword");
    requireNonNull(postgresSuperuserPassword, "postgresSuperuserPassword");
    requireNonNull(warehouseReaderPassword, "warehouseReaderPassword");
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
            properties.getProperty(POSTGRES_SUPERUSER_PASSWORD),
            properties.getProperty(WAREHOUSE_READER_PASSWORD, "")));
  }

  /**
   * The secrets of the data directory, generated and stored on first use; a secret missing from an
   * older file is generated and added, keeping the others.
   */
  public static StackSecrets readOrCreate(StackLayout layout) {
    Optional<StackSecrets> existing = read(layout);
    if (existing.isEmpty()) {
      return create(layout);
    }
    StackSecrets secrets = existing.get();
    if (!secrets.warehouseReaderPassword().isEmpty()) {
      return secrets;
    }
    StackSecrets completed =
        new StackSecrets(
            secrets.s3AccessKey(),
            secrets.s3SecretKey(),
            secrets.warehousePassword(),
            secrets.postgresSuperuserPassword(),
            randomToken(new SecureRandom()));
    completed.store(layout, true);
    return completed;
  }

  private static StackSecrets create(StackLayout layout) {
    SecureRandom random = new SecureRandom();
    StackSecrets secrets =
        new StackSecrets(
            "platform",
            randomToken(random),
            randomToken(random),
            randomToken(random),
            randomToken(random));
    if (!secrets.store(layout, false)) {
      return read(layout).orElseThrow();
    }
    return secrets;
  }

  /**
   * Writes the file atomically, readable by its owner only; false when {@code replace} is false and
   * another process wrote it first.
   */
  private boolean store(StackLayout layout, boolean replace) {
    Properties properties = new Properties();
    properties.setProperty(S3_ACCESS_KEY, s3AccessKey);
    properties.setProperty(S3_SECRET_KEY, s3SecretKey);
    properties.setProperty(WAREHOUSE_PASSWORD, warehousePassword);
    properties.setProperty(POSTGRES_SUPERUSER_PASSWORD, postgresSuperuserPassword);
    properties.setProperty(WAREHOUSE_READER_PASSWORD, warehouseReaderPassword);
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
        if (replace) {
          Files.move(
              temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.move(temporary, file);
        }
      } catch (FileAlreadyExistsException e) {
        Files.delete(temporary);
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return true;
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
