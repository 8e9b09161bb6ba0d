package dev.taxiplatform.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Orchestrator settings.
 *
 * @param port port of its web UI, REST API, metrics and health
 * @param pipelinesDir directory of pipeline files (empty: the platform's {@code pipelines/})
 * @param executor where task attempts run
 * @param kubernetesNamespace namespace of the Jobs the Kubernetes executor creates
 * @param kubernetesImage container image of those Jobs
 * @param kubernetesServiceAccount ServiceAccount those Jobs run as (empty: the namespace's default)
 */
public record OrchestratorSettings(
    int port,
    Optional<Path> pipelinesDir,
    Executor executor,
    String kubernetesNamespace,
    String kubernetesImage,
    Optional<String> kubernetesServiceAccount) {
  /** Where task attempts run. */
  public enum Executor {
    /** Each attempt is a child process of the orchestrator. */
    LOCAL,
    /** Each attempt is a Kubernetes Job. */
    KUBERNETES
  }

  public static final ConfigKey<Integer> PORT =
      ConfigKey.builder("orchestrator.port", ValueTypes.port())
          .env("ORCHESTRATOR_PORT")
          .defaultValue(8080)
          .description(
              "Port of the orchestrator's UI, REST API, /metrics and /health (the next free port if taken).")
          .build();

  public static final ConfigKey<Path> PIPELINES_DIR =
      ConfigKey.builder("orchestrator.pipelines-dir", ValueTypes.path())
          .env("PLATFORM_PIPELINES_DIR")
          .description("Directory of pipeline files; unset: the platform's pipelines/ directory.")
          .build();

  public static final ConfigKey<Executor> EXECUTOR =
      ConfigKey.builder("orchestrator.executor", ValueTypes.oneOf(Executor.class))
          .env("ORCHESTRATOR_EXECUTOR")
          .defaultValue(Executor.LOCAL)
          .description(
              "Where task attempts run: local (child processes) or kubernetes (one Job per attempt).")
          .build();

  public static final ConfigKey<String> KUBERNETES_NAMESPACE =
      ConfigKey.builder("orchestrator.kubernetes.namespace", ValueTypes.text())
          .env("ORCHESTRATOR_KUBERNETES_NAMESPACE")
          .defaultValue("taxi-platform")
          .description("Namespace of the Jobs the kubernetes executor creates.")
          .build();

  public static final ConfigKey<String> KUBERNETES_IMAGE =
      ConfigKey.builder("orchestrator.kubernetes.image", ValueTypes.text())
          .env("ORCHESTRATOR_KUBERNETES_IMAGE")
          .defaultValue("taxi-platform:latest")
          .description("Container image of the Jobs the kubernetes executor creates.")
          .build();

  public static final ConfigKey<String> KUBERNETES_SERVICE_ACCOUNT =
      ConfigKey.builder("orchestrator.kubernetes.service-account", ValueTypes.text())
          .env("ORCHESTRATOR_KUBERNETES_SERVICE_ACCOUNT")
          .description(
              "ServiceAccount of the Jobs the kubernetes executor creates; unset: the namespace's default.")
          .build();

  public static final List<ConfigKey<?>> KEYS =
      List.of(
          PORT,
          PIPELINES_DIR,
          EXECUTOR,
          KUBERNETES_NAMESPACE,
          KUBERNETES_IMAGE,
          KUBERNETES_SERVICE_ACCOUNT);

  static OrchestratorSettings from(PlatformConfig config) {
    return new OrchestratorSettings(
        config.get(PORT),
        config.find(PIPELINES_DIR),
        config.get(EXECUTOR),
        config.get(KUBERNETES_NAMESPACE),
        config.get(KUBERNETES_IMAGE),
        config.find(KUBERNETES_SERVICE_ACCOUNT));
  }

  /** The executor's name in configuration. */
  public static String key(Executor executor) {
    return executor.name().toLowerCase(Locale.ROOT);
  }
}
