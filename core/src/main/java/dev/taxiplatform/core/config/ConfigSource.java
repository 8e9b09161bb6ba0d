package dev.taxiplatform.core.config;

import static java.util.Objects.requireNonNull;

/**
 * Where a configuration value came from. Layers, lowest precedence first: built-in default, the
 * configuration file, an environment variable, a command-line flag.
 *
 * @param layer the layer the value was taken from
 * @param detail the file, variable or flag within that layer ("" for defaults)
 */
public record ConfigSource(Layer layer, String detail) {
  /** Configuration layers in increasing precedence. */
  public enum Layer {
    DEFAULT,
    FILE,
    ENVIRONMENT,
    FLAG
  }

  public static final ConfigSource DEFAULT = new ConfigSource(Layer.DEFAULT, "");

  public ConfigSource {
    requireNonNull(layer, "layer");
    requireNonNull(detail, "detail");
  }

  public static ConfigSource file(String path) {
    return new ConfigSource(Layer.FILE, path);
  }

  public static ConfigSource environment(String variable) {
    return new ConfigSource(Layer.ENVIRONMENT, variable);
  }

  public static ConfigSource flag(String flag) {
    return new ConfigSource(Layer.FLAG, flag);
  }

  /** A short human description, as printed by {@code platform config}. */
  public String describe() {
    return switch (layer) {
      case DEFAULT -> "default";
      case FILE -> "file " + detail;
      case ENVIRONMENT -> "env " + detail;
      case FLAG -> "flag " + detail;
    };
  }
}
