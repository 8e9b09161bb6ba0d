package dev.taxiplatform.infra.server;

import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.EnvironmentValues;

/** Secrets the server commands read from the environment, or from files it names. */
final class ServerEnvironment {
  private ServerEnvironment() {}

  static String require(String variable) {
    return new EnvironmentValues(System.getenv())
        .read(variable, variable)
        .map(EnvironmentValues.Value::value)
        .orElseThrow(
            () ->
                PlatformException.usage(
                    "Set %s in the environment, or %s%s naming a file that holds it: the server needs it."
                        .formatted(variable, variable, EnvironmentValues.FILE_SUFFIX)));
  }
}
