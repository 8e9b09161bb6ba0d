package dev.taxiplatform.transform.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code index.html}: a static page, readable without a server, listing the project's
 * models, seeds and sources with their descriptions, columns (with database types from the
 * catalog), upstream and downstream nodes, and compiled SQL locations. The manifest and catalog are
 * embedded in the page.
 */
public final class DocsSite {
  private DocsSite() {}

  public static void write(Path file, Map<String, Object> manifest, Map<String, Object> catalog) {
    String template;
    try (InputStream in =
        DocsSite.class.getResourceAsStream("/dev/taxiplatform/transform/docs/index.html")) {
      if (in == null) {
        throw new IllegalStateException("The docs page template is missing from the build");
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String page =
        template
            .replace("/*MANIFEST*/null", safe(JsonFiles.toJson(manifest)))
            .replace("/*CATALOG*/null", safe(JsonFiles.toJson(catalog)));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, page);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static String safe(String json) {
    return json.replace("</", "<\\/");
  }
}
