package dev.taxiplatform.core.config;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;

/**
 * Invalid configuration: the message names the key, the bad value, where it came from and what is
 * allowed.
 */
public final class ConfigException extends PlatformException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(ExitCodes.USAGE, message);
  }

  static ConfigException invalidValue(
      ConfigKey<?> key, String raw, ConfigSource source, String allowed) {
    return new ConfigException(
        "Invalid configuration: %s = \"%s\" (from %s). Expected %s."
            .formatted(key.name(), key.isSecret() ? "******" : raw, source.describe(), allowed));
  }
}
