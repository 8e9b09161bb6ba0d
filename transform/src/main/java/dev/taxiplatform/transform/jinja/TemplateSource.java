package dev.taxiplatform.transform.jinja;

import java.util.Objects;

/**
 * The text of a template and where it comes from (a path relative to the project, used in error
 * messages).
 *
 * @param path where the text comes from
 * @param text the template
 */
public record TemplateSource(String path, String text) {
  public TemplateSource {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
  }
}
