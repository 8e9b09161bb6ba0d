package dev.taxiplatform.infra.server;

import dev.taxiplatform.core.cli.PlatformException;

/** Secrets the server commands read from the environment. */
final class ServerEnvironment {
  private ServerEnvironment() {}

  static String require(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw PlatformException.usage(
          "Set %s in the environment: the server needs it.".formatted(variable));
    }
    return value;
  }
}
