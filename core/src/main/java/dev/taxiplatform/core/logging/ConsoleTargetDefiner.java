package dev.taxiplatform.core.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import dev.taxiplatform.core.config.ConfigSource;
import dev.taxiplatform.core.config.ServerSettings;
import dev.taxiplatform.core.config.ServerSettings.LogTarget;
import java.util.Map;

/**
 * Tells logback's console appender which stream to write to, from {@code log.target} in the
 * environment ({@code PLATFORM_LOG_TARGET}): logging starts before the configuration is loaded. An
 * invalid value logs to standard error; loading the configuration then fails naming the key.
 */
public final class ConsoleTargetDefiner extends PropertyDefinerBase {
  @Override
  public String getPropertyValue() {
    return consoleTarget(System.getenv());
  }

  /** Logback's name of the stream {@code log.target} in {@code environment} selects. */
  static String consoleTarget(Map<String, String> environment) {
    return logTarget(environment) == LogTarget.STDOUT ? "System.out" : "System.err";
  }

  private static LogTarget logTarget(Map<String, String> environment) {
    for (String variable : ServerSettings.LOG_TARGET.environmentVariables()) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        try {
          return ServerSettings.LOG_TARGET.parse(value, ConfigSource.environment(variable));
        } catch (RuntimeException e) {
          return LogTarget.STDERR;
        }
      }
    }
    return ServerSettings.LOG_TARGET.defaultValue().orElseThrow();
  }
}
