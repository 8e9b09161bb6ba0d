package dev.taxiplatform.batch;

import dev.taxiplatform.core.cli.PlatformException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start one Spark executor from the environment Spark on Kubernetes gives an executor pod:
 * the JVM options ({@code SPARK_JAVA_OPT_<n>} in order, the heap from {@code
 * SPARK_EXECUTOR_MEMORY}) and the arguments of Spark's Kubernetes executor backend.
 *
 * @param jvmOptions options for the executor's JVM, after the batch component's own
 * @param backendArguments the executor backend's command line
 */
record SparkExecutorLaunch(List<String> jvmOptions, List<String> backendArguments) {
  /** Spark's executor backend for Kubernetes (it resolves a dynamic executor id by pod name). */
  static final String BACKEND = "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend";

  private static final String JAVA_OPTION_PREFIX = "SPARK_JAVA_OPT_";

  SparkExecutorLaunch {
    jvmOptions = List.copyOf(jvmOptions);
    backendArguments = List.copyOf(backendArguments);
  }

  /** The launch described by {@code environment}; a required variable missing is a usage error. */
  static SparkExecutorLaunch from(Map<String, String> environment) {
    List<String> jvmOptions = new ArrayList<>(javaOptions(environment));
    String memory = required(environment, "SPARK_EXECUTOR_MEMORY");
    jvmOptions.add("-Xms" + memory);
    jvmOptions.add("-Xmx" + memory);

    List<String> arguments = new ArrayList<>();
    arguments.addAll(List.of("--driver-url", required(environment, "SPARK_DRIVER_URL")));
    arguments.addAll(List.of("--executor-id", required(environment, "SPARK_EXECUTOR_ID")));
    arguments.addAll(List.of("--cores", required(environment, "SPARK_EXECUTOR_CORES")));
    arguments.addAll(List.of("--app-id", required(environment, "SPARK_APPLICATION_ID")));
    optional(environment, "SPARK_EXECUTOR_POD_IP")
        .ifPresent(ip -> arguments.addAll(List.of("--hostname", ip)));
    optional(environment, "SPARK_RESOURCE_PROFILE_ID")
        .ifPresent(id -> arguments.addAll(List.of("--resourceProfileId", id)));
    optional(environment, "SPARK_EXECUTOR_POD_NAME")
        .ifPresent(name -> arguments.addAll(List.of("--podName", name)));
    return new SparkExecutorLaunch(jvmOptions, arguments);
  }

  // Spark numbers the executor's Java options from 0; their order matters (later ones win).
  private static List<String> javaOptions(Map<String, String> environment) {
    return environment.entrySet().stream()
        .filter(e -> e.getKey().startsWith(JAVA_OPTION_PREFIX))
        .filter(e -> isIndex(e.getKey().substring(JAVA_OPTION_PREFIX.length())))
        .sorted(
            Comparator.comparingLong(
                e -> Long.parseLong(e.getKey().substring(JAVA_OPTION_PREFIX.length()))))
        .map(Map.Entry::getValue)
        .toList();
  }

  private static boolean isIndex(String suffix) {
    return !suffix.isEmpty() && suffix.length() < 10 && suffix.chars().allMatch(Character::isDigit);
  }

  private static String required(Map<String, String> environment, String name) {
    return optional(environment, name)
        .orElseThrow(
            () ->
                PlatformException.usage(
                    ("%s is not set. platform executor (spark-executor) runs in an executor pod that"
                            + " Spark on Kubernetes starts, which sets it; to run the batch job"
                            + " use platform batch.")
                        .formatted(name)));
  }

  private static Optional<String> optional(Map<String, String> environment, String name) {
    return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
  }
}
