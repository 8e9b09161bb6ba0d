package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a node's compiled and run SQL go: {@code target/compiled/<project>/<file>} and {@code
 * target/run/<project>/<file>}; a generic test's file is named after the test, under its property
 * file ({@code models/schema.yml/not_null_orders_id.sql}).
 */
public final class ArtifactPaths {
  private final Path target;

  public ArtifactPaths(Path target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  public Path target() {
    return target;
  }

  public Path compiled(Node node) {
    return target.resolve("compiled").resolve(node.packageName()).resolve(relative(node));
  }

  public Path run(Node node) {
    return target.resolve("run").resolve(node.packageName()).resolve(relative(node));
  }

  /** The compiled file's path relative to the project ({@code target/compiled/...}). */
  public static String relative(Node node) {
    if (node.type() == ResourceType.TEST && node.testMetadata() != null) {
      return node.originalFilePath() + "/" + node.name() + ".sql";
    }
    return node.originalFilePath();
  }

  void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
