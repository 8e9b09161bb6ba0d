package dev.taxiplatform.core.cli;

import dev.taxiplatform.core.config.ConfigLoader;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.PlatformConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The configuration options every platform command accepts (a picocli mixin). */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: $PLATFORM_CONFIG, else ./platform.yaml when present).")
  private Path configFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory of the local stack (default: $PLATFORM_DATA_DIR, else ./.platform-data).")
  private Path dataDir;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Set a configuration key, e.g. --set kafka.port=19092 (repeatable).")
  private Map<String, String> settings = new LinkedHashMap<>();

  /** Loads the effective configuration with these options as the flag layer. */
  public PlatformConfig load() {
    return load(List.of());
  }

  /**
   * Loads the effective configuration with these options and a command's own flags (which win) as
   * the flag layer.
   */
  public PlatformConfig load(List<ConfigOverrides.Flag> commandFlags) {
    return ConfigLoader.fromSystem().load(overrides(commandFlags));
  }

  /**
   * These options as command-line arguments, with the data directory made absolute: what another
   * platform process needs to see the same configuration.
   */
  public List<String> asArguments(Path absoluteDataDir) {
    List<String> arguments = new ArrayList<>();
    if (configFile != null) {
      arguments.add("--config");
      arguments.add(configFile.toAbsolutePath().toString());
    }
    settings.forEach(
        (key, value) -> {
          arguments.add("--set");
          arguments.add(key + "=" + value);
        });
    arguments.add("--data-dir");
    arguments.add(absoluteDataDir.toString());
    return arguments;
  }

  /** The command line's configuration overrides. */
  public ConfigOverrides overrides(List<ConfigOverrides.Flag> commandFlags) {
    List<ConfigOverrides.Flag> flags = new ArrayList<>();
    settings.forEach(
        (key, value) -> flags.add(new ConfigOverrides.Flag(key, value, "--set " + key)));
    if (dataDir != null) {
      flags.add(ConfigOverrides.Flag.dataDir(dataDir));
    }
    flags.addAll(commandFlags);
    return new ConfigOverrides(Optional.ofNullable(configFile), flags);
  }
}
