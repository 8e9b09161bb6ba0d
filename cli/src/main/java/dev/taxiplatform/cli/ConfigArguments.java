package dev.taxiplatform.cli;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.ConfigOverrides;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A component command line split into the platform's configuration flags ({@code --config FILE},
 * {@code --data-dir DIR}, {@code --set KEY=VALUE}, also written {@code --flag=value}) and the
 * arguments that remain for the component. For components that do not read the platform's
 * configuration themselves: the launcher resolves their connections with these flags.
 *
 * @param overrides the configuration flags
 * @param remaining the other arguments, in order
 */
record ConfigArguments(ConfigOverrides overrides, List<String> remaining) {
  ConfigArguments {
    requireNonNull(overrides, "overrides");
    remaining = List.copyOf(remaining);
  }

  /** Whether the command line gave any configuration flag. */
  boolean explicit() {
    return overrides.configFile().isPresent() || !overrides.flags().isEmpty();
  }

  static ConfigArguments extract(List<String> args) {
    Optional<Path> configFile = Optional.empty();
    List<ConfigOverrides.Flag> flags = new ArrayList<>();
    List<String> remaining = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!name.equals("--config") && !name.equals("--data-dir") && !name.equals("--set")) {
        remaining.add(arg);
        continue;
      }
      String value;
      if (arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new PlatformException(
            ExitCodes.USAGE, "Missing required parameter for option '%s'".formatted(name));
      }
      switch (name) {
        case "--config" -> configFile = Optional.of(Path.of(value));
        case "--data-dir" -> flags.add(ConfigOverrides.Flag.dataDir(Path.of(value)));
        default -> flags.add(setting(value));
      }
    }
    return new ConfigArguments(new ConfigOverrides(configFile, flags), remaining);
  }

  /** The arguments unchanged, for a component that reads the configuration flags itself. */
  static ConfigArguments unchanged(List<String> args) {
    return new ConfigArguments(ConfigOverrides.NONE, args);
  }

  private static ConfigOverrides.Flag setting(String keyValue) {
    int equals = keyValue.indexOf('=');
    if (equals <= 0) {
      throw new PlatformException(
          ExitCodes.USAGE,
          "--set takes KEY=VALUE (e.g. --set warehouse.port=5433), not '%s'".formatted(keyValue));
    }
    String key = keyValue.substring(0, equals);
    return new ConfigOverrides.Flag(key, keyValue.substring(equals + 1), "--set " + key);
  }
}
