package dev.taxiplatform.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the platform's monitoring: the local stack's Prometheus ({@code platform up --with
 * monitoring}) and where short-lived commands push their run summaries.
 *
 * @param prometheusPort port of the local stack's Prometheus (UI and HTTP API)
 * @param pushgatewayUrl the Pushgateway that batch and load runs push their summaries to (unset:
 *     the local stack's, when it runs one)
 * @param rulesDir directory of the alert rule files the local stack's Prometheus loads (empty: the
 *     platform's {@code deploy/monitoring/rules})
 */
public record MonitoringSettings(
    int prometheusPort, Optional<URI> pushgatewayUrl, Optional<Path> rulesDir) {
  public static final ConfigKey<Integer> PROMETHEUS_PORT =
      ConfigKey.builder("monitoring.prometheus-port", ValueTypes.port())
          .env("PROMETHEUS_PORT")
          .defaultValue(9090)
          .description(
              "Port of the local stack's Prometheus with `up --with monitoring` (the next free port"
                  + " if taken).")
          .build();

  public static final ConfigKey<URI> PUSHGATEWAY_URL =
      ConfigKey.builder("monitoring.pushgateway-url", ValueTypes.httpUrl())
          .env("PUSHGATEWAY_URL")
          .description(
              "Pushgateway that batch and load runs push their summaries to; unset: the local stack's,"
                  + " when it runs with monitoring (else nothing is pushed).")
          .build();

  public static final ConfigKey<Path> RULES_DIR =
      ConfigKey.builder("monitoring.rules-dir", ValueTypes.path())
          .env("PROMETHEUS_RULES_DIR")
          .description(
              "Directory of the alert rule files (`*.yml`) the local stack's Prometheus loads; unset:"
                  + " the platform's deploy/monitoring/rules.")
          .build();

  public static final List<ConfigKey<?>> KEYS =
      List.of(PROMETHEUS_PORT, PUSHGATEWAY_URL, RULES_DIR);

  /** The monitoring settings of {@code config}. */
  public static MonitoringSettings from(PlatformConfig config) {
    return new MonitoringSettings(
        config.get(PROMETHEUS_PORT), config.find(PUSHGATEWAY_URL), config.find(RULES_DIR));
  }
}
