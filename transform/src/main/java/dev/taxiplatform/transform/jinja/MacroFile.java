package dev.taxiplatform.transform.jinja;

import java.util.Objects;

/**
 * A file of macros and the package it belongs to: its macros are callable by name, and as {@code
 * <package>.<macro>} in the package's namespace.
 *
 * @param packageName the package ({@code dbt} for the engine's own macros)
 * @param source the file
 */
public record MacroFile(String packageName, TemplateSource source) {
  public MacroFile {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(source, "source");
  }
}
