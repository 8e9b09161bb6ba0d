package dev.taxiplatform.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform image started as Spark on Kubernetes starts an executor pod: the argument {@code
 * executor} and Spark's environment. No driver answers at the driver URL, so the executor backend
 * starts, names the driver it tries and fails to reach it.
 */
class SparkExecutorImageIT {
  private static final String DRIVER_URL = "spark://CoarseGrainedScheduler@127.0.0.1:7078";

  @TempDir static Path work;

  private static Podman podman;
  private static final String name =
      "spark-executor-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void loadImage() throws IOException {
    assumeTrue(Podman.installed(), "podman is not installed (.ci/run installs it)");
    podman = Podman.under(work.resolve("podman"));
    assertThat(podman.run("load", "--input", System.getProperty("image.tar")))
        .contains(System.getProperty("image.name"));
  }

  @AfterAll
  static void removeContainer() {
    if (podman == null) {
      return;
    }
    podman.attempt("rm", "--force", "--time", "5", name);
    podman.attempt("rmi", "--all", "--force");
  }

  @Test
  void theExecutorArgumentStartsSparksKubernetesExecutorBackendForTheDriverUrl() {
    List<String> args = new ArrayList<>(List.of("run", "--name", name, "--network", "none"));
    for (String variable :
        List.of(
            "SPARK_DRIVER_URL=" + DRIVER_URL,
            "SPARK_EXECUTOR_ID=1",
            "SPARK_EXECUTOR_CORES=1",
            "SPARK_EXECUTOR_MEMORY=512m",
            "SPARK_APPLICATION_ID=spark-application-1",
            "SPARK_EXECUTOR_POD_IP=127.0.0.1",
            "SPARK_EXECUTOR_POD_NAME=batch-exec-1",
            "SPARK_RESOURCE_PROFILE_ID=0",
            "SPARK_JAVA_OPT_0=-Dspark.executor.marker=from-spark-java-opt")) {
      args.addAll(List.of("--env", variable));
    }
    args.add(System.getProperty("image.name"));
    args.add("executor");

    Podman.Result result = podman.attempt(args.toArray(String[]::new));
    String log = result.output() + result.errors();
    System.out.printf("----- executor container -----%n%s%n", log);

    assertThat(log)
        .doesNotContain("Unmatched argument")
        .doesNotContain("Unknown command")
        .contains(
            "Starting Spark executor backend"
                + " org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend with"
                + " --driver-url "
                + DRIVER_URL
                + " --executor-id 1 --cores 1 --app-id spark-application-1 --hostname 127.0.0.1"
                + " --resourceProfileId 0 --podName batch-exec-1")
        .contains("at org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend")
        .contains("Failed to connect to /127.0.0.1:7078");
    assertThat(result.exitCode()).as("the executor fails: no driver answers").isEqualTo(1);
  }
}
