package dev.taxiplatform.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the command line says about configuration: an explicit configuration file and flag values.
 *
 * @param configFile the file given with {@code --config}, if any
 * @param flags values given by flags, in command-line order (a later one wins)
 */
public record ConfigOverrides(Optional<Path> configFile, List<Flag> flags) {
  public static final ConfigOverrides NONE = new ConfigOverrides(Optional.empty(), List.of());

  public ConfigOverrides {
    requireNonNull(configFile, "configFile");
    flags = List.copyOf(flags);
  }

  /**
   * One flag value.
   *
   * @param key the configuration key name it sets
   * @param value the raw value
   * @param flag the flag as the user wrote it, e.g. {@code --data-dir} or {@code --set}
   */
  public record Flag(String key, String value, String flag) {
    public Flag {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
      requireNonNull(flag, "flag");
    }

    /** {@code --data-dir dataDir}. */
    public static Flag dataDir(Path dataDir) {
      return new Flag(PlatformSettings.DATA_DIR.name(), dataDir.toString(), "--data-dir");
    }
  }

  /** No configuration file, and {@code --data-dir dataDir} as the only flag. */
  public static ConfigOverrides dataDir(Path dataDir) {
    return new ConfigOverrides(Optional.empty(), List.of(Flag.dataDir(dataDir)));
  }
}
