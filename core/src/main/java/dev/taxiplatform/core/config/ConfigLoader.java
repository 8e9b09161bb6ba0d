package dev.taxiplatform.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the effective configuration from its layers: built-in defaults &lt; configuration file
 * &lt; environment variables &lt; command-line flags, then validates it.
 *
 * <p>The configuration file is the one given with {@code --config}, else {@code PLATFORM_CONFIG},
 * else {@code platform.yaml} in the working directory when it exists. Every environment variable
 * may instead be given as {@code <VAR>_FILE}, naming a file that holds the value ({@link
 * EnvironmentValues}).
 */
public final class ConfigLoader {
  /** Environment variable naming the configuration file. */
  public static final String CONFIG_FILE_VARIABLE = "PLATFORM_CONFIG";

  /** Name of the configuration file looked for in the working directory. */
  public static final String DEFAULT_CONFIG_FILE = "platform.yaml";

  private final Map<String, String> environment;
  private final Path workingDirectory;

  public ConfigLoader(Map<String, String> environment, Path workingDirectory) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment"));
    this.workingDirectory = workingDirectory.toAbsolutePath();
  }

  /** A loader reading this process's environment and working directory. */
  public static ConfigLoader fromSystem() {
    return new ConfigLoader(System.getenv(), Path.of(""));
  }

  public PlatformConfig load(ConfigOverrides overrides) {
    Map<String, Layered> raw = new LinkedHashMap<>();
    configFile(overrides)
        .ifPresent(
            file -> {
              ConfigSource source = ConfigSource.file(file.toString());
              ConfigFile.read(file)
                  .forEach((key, value) -> raw.put(known(key, source), new Layered(value, source)));
            });
    EnvironmentValues values = new EnvironmentValues(environment);
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      for (String variable : key.environmentVariables()) {
        Optional<EnvironmentValues.Value> value = values.read(variable, key.name());
        if (value.isPresent()) {
          raw.put(
              key.name(),
              new Layered(value.get().value(), ConfigSource.environment(value.get().variable())));
          break;
        }
      }
    }
    for (ConfigOverrides.Flag flag : overrides.flags()) {
      ConfigSource source = ConfigSource.flag(flag.flag());
      raw.put(known(flag.key(), source), new Layered(flag.value(), source));
    }

    Map<ConfigKey<?>, PlatformConfig.ResolvedValue> resolved = new HashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      Layered layered = raw.get(key.name());
      resolved.put(
          key,
          layered == null
              ? new PlatformConfig.ResolvedValue(
                  key, key.defaultValue().orElse(null), ConfigSource.DEFAULT)
              : new PlatformConfig.ResolvedValue(
                  key, key.parse(layered.value(), layered.source()), layered.source()));
    }
    PlatformConfig config = new PlatformConfig(resolved, workingDirectory);
    ConfigValidation.validate(config);
    return config;
  }

  private Optional<Path> configFile(ConfigOverrides overrides) {
    if (overrides.configFile().isPresent()) {
      return Optional.of(existing(overrides.configFile().get(), "--config"));
    }
    String fromEnvironment = environment.get(CONFIG_FILE_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(existing(Path.of(fromEnvironment), CONFIG_FILE_VARIABLE));
    }
    Path implicit = workingDirectory.resolve(DEFAULT_CONFIG_FILE);
    return Files.isRegularFile(implicit) ? Optional.of(implicit) : Optional.empty();
  }

  private Path existing(Path file, String origin) {
    Path resolved = workingDirectory.resolve(file).normalize();
    if (!Files.isRegularFile(resolved)) {
      throw new ConfigException(
          "Configuration file %s (from %s) does not exist. Check the path, or leave it out to use"
                  .formatted(resolved, origin)
              + " the defaults.");
    }
    return resolved;
  }

  private static String known(String name, ConfigSource source) {
    if (ConfigKeys.byName(name).isEmpty()) {
      String hint = ConfigKeys.closest(name).map(k -> " Did you mean \"" + k + "\"?").orElse("");
      throw new ConfigException(
          "Unknown configuration key \"%s\" (from %s).%s Run `platform config --reference` to list"
                  .formatted(name, source.describe(), hint)
              + " the keys.");
    }
    return name;
  }

  private record Layered(String value, ConfigSource source) {}
}
