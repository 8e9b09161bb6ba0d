package dev.taxiplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With Spark on Kubernetes selected, the batch Job (the driver, created by the orchestrator with
 * the chart's ConfigMap) carries the executors' settings: image, namespace, ServiceAccount,
 * resources.
 */
class SparkOnKubernetesTest {
  private final ChartRenderer renderer = ChartRenderer.ofProject();

  @Test
  void theDriversEnvironmentCarriesTheExecutorSettings() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);
    Map<String, Object> config =
        KubeObject.map(
            chart.get("ConfigMap", "processing", "taxi-platform-config").tree().get("data"));
    Map<String, String> spark =
        Arrays.stream(((String) config.get("JAVA_TOOL_OPTIONS")).split("\\s+"))
            .map(option -> option.substring(2).split("=", 2))
            .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));

    assertThat(config).containsEntry("SPARK_MASTER", "k8s://https://kubernetes.default.svc:443");
    assertThat(spark)
        .containsEntry(
            "spark.kubernetes.container.image",
            "taxi-platform:" + System.getProperty("project.version"))
        .containsEntry("spark.kubernetes.namespace", "processing")
        .containsEntry(
            "spark.kubernetes.authenticate.executor.serviceAccountName",
            "taxi-platform-spark-executor")
        .containsEntry("spark.executor.instances", "4")
        .containsEntry("spark.executor.cores", "2")
        .containsEntry("spark.executor.memory", "4g")
        .containsEntry("spark.kubernetes.executor.request.cores", "1")
        .containsEntry("spark.driver.port", "7078")
        .containsEntry("spark.blockManager.port", "7079")
        .containsEntry(
            "spark.kubernetes.executor.label.app.kubernetes.io/component", "spark-executor");
    assertThat(chart.find("ServiceAccount", "processing", "taxi-platform-spark-executor"))
        .isPresent();
    assertThat(
            chart
                .get("RoleBinding", "processing", "taxi-platform-spark-driver")
                .tree()
                .get("subjects")
                .toString())
        .contains("taxi-platform-task");
    assertThat(chart.get("Namespace", "", "processing").metadata().get("labels").toString())
        .contains("pod-security.kubernetes.io/enforce=baseline");
  }

  @Test
  void localSparkByDefault() {
    Map<String, Object> config =
        KubeObject.map(
            renderer
                .render(Profile.MINIKUBE)
                .get("ConfigMap", "processing", "taxi-platform-config")
                .tree()
                .get("data"));

    assertThat(config).doesNotContainKeys("SPARK_MASTER", "JAVA_TOOL_OPTIONS");
  }
}
