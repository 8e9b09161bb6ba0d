package dev.taxiplatform.core.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads configuration from environment variables, each of which may instead name a file holding its
 * value: {@code <VAR>_FILE} (how secrets mounted into a container are passed, e.g. {@code
 * WAREHOUSE_PASSWORD_FILE=/run/secrets/warehouse-password}). The file's content is the value, less
 * its trailing line breaks.
 */
public final class EnvironmentValues {
  /** The suffix of a variable naming the file that holds another variable's value. */
  public static final String FILE_SUFFIX = "_FILE";

  private final Map<String, String> environment;

  public EnvironmentValues(Map<String, String> environment) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment"));
  }

  /**
   * A value read from the environment.
   *
   * @param value the value
   * @param variable the variable it came from: {@code VAR}, or {@code VAR_FILE} when read from a
   *     file
   */
  public record Value(String value, String variable) {
    public Value {
      requireNonNull(value, "value");
      requireNonNull(variable, "variable");
    }

    @Override
    public String toString() {
      return "Value[variable=%s, ******]".formatted(variable);
    }
  }

  /**
   * The value of {@code variable}, or the content of the file {@code variable_FILE} names; empty
   * when neither is set (or the variable is blank).
   *
   * @param setting what the variable sets, for error messages (a key name, or the variable)
   * @throws ConfigException when both are set, or the file cannot be read or is empty
   */
  public Optional<Value> read(String variable, String setting) {
    String fileVariable = variable + FILE_SUFFIX;
    String direct = environment.get(variable);
    String file = environment.get(fileVariable);
    boolean hasDirect = direct != null && !direct.isBlank();
    boolean hasFile = file != null && !file.isBlank();
    if (hasDirect && hasFile) {
      throw new ConfigException(
          ("Invalid configuration: both %s and %s are set (%s). Set only one: the value itself,"
                  + " or the file holding it.")
              .formatted(variable, fileVariable, setting));
    }
    if (hasFile) {
      return Optional.of(
          new Value(readFile(Path.of(file.trim()), fileVariable, setting), fileVariable));
    }
    return hasDirect ? Optional.of(new Value(direct, variable)) : Optional.empty();
  }

  private static String readFile(Path path, String fileVariable, String setting) {
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          ("Invalid configuration: cannot read %s from %s=%s (%s). Check that the file exists and"
                  + " this process may read it.")
              .formatted(setting, fileVariable, path, describe(e)));
    }
    String value = content.replaceAll("[\\r\\n]+$", "");
    if (value.isBlank()) {
      throw new ConfigException(
          "Invalid configuration: %s=%s is empty; it must hold the value of %s."
              .formatted(fileVariable, path, setting));
    }
    return value;
  }

  private static String describe(Exception e) {
    String kind =
        e instanceof java.nio.file.NoSuchFileException
            ? "no such file"
            : e instanceof java.nio.file.AccessDeniedException
                ? "permission denied"
                : e.getClass().getSimpleName();
    return e.getMessage() == null || kind.equals("no such file") || kind.equals("permission denied")
        ? kind
        : kind + ": " + e.getMessage();
  }
}
