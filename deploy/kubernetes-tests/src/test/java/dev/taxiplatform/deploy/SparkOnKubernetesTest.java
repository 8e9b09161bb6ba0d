package dev.taxiplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.orchestrator.executor.KubernetesJobRunner;
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
        .containsEntry("spark.executor.memory", "4096m")
        .containsEntry("spark.executor.memoryOverhead", "1024m")
        .containsEntry("spark.kubernetes.executor.request.cores", "1")
        .containsEntry("spark.kubernetes.executor.limit.cores", "2")
        .containsEntry(
            "spark.kubernetes.executor.podTemplateFile",
            KubernetesJobRunner.SPARK_EXECUTOR_TEMPLATE_DIR + "/executor-pod.yaml")
        .containsEntry("spark.kubernetes.executor.podTemplateContainerName", "spark-executor")
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
        .contains("pod-security.kubernetes.io/enforce=restricted");
  }

  @Test
  void theExecutorPodTemplateIsTheMountedConfigMapWithTheExecutorsResources() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);
    KubeObject configMap =
        chart.get("ConfigMap", "processing", KubernetesJobRunner.SPARK_EXECUTOR_TEMPLATE);
    Map<String, Object> pod =
        ChartRenderer.parse(
                (String) KubeObject.map(configMap.tree().get("data")).get("executor-pod.yaml"))
            .get(0);
    Map<String, Object> container =
        KubeObject.listOfMaps(KubeObject.map(pod.get("spec")).get("containers")).get(0);

    assertThat(new StrictModelValidator().problems(new KubeObject(pod))).isEmpty();
    assertThat(container.get("name")).isEqualTo("spark-executor");
    // What Spark sets on the pod too: heap + overhead (4096 + 1024 MiB), the CPU request and limit.
    assertThat(container.get("resources"))
        .isEqualTo(
            Map.of(
                "requests", Map.of("cpu", "1", "memory", "5120Mi"),
                "limits", Map.of("cpu", "2", "memory", "5120Mi")));
    assertThat(KubeObject.map(KubeObject.map(pod.get("spec")).get("securityContext")))
        .containsEntry("runAsNonRoot", true)
        .containsEntry("runAsUser", 10001)
        .containsEntry("runAsGroup", 10001);
  }

  @Test
  void theExecutorSettingsComeFromValuesTheSchemaChecks() {
    Map<String, String> settings =
        Map.of(
            "batch.spark.executorInstances", "6",
            "batch.spark.executorMemoryMiB", "3072",
            "batch.spark.executorMemoryOverheadMiB", "512",
            "batch.spark.executorRequestCores", "1500m",
            "batch.spark.executorLimitCores", "");
    RenderedChart chart = renderer.render(Profile.PRODUCTION, settings);
    String options =
        (String)
            KubeObject.map(
                    chart.get("ConfigMap", "processing", "taxi-platform-config").tree().get("data"))
                .get("JAVA_TOOL_OPTIONS");
    Map<String, Object> container = chart.podTemplateFiles().get(0).containers().get(0);

    assertThat(options)
        .contains("-Dspark.executor.instances=6 ")
        .contains("-Dspark.executor.memory=3072m ")
        .contains("-Dspark.kubernetes.executor.request.cores=1500m ")
        .doesNotContain("limit.cores");
    assertThat(container.get("resources"))
        .isEqualTo(
            Map.of(
                "requests", Map.of("cpu", "1500m", "memory", "3584Mi"),
                "limits", Map.of("memory", "3584Mi")));
    assertThatThrownBy(
            () -> renderer.render(Profile.PRODUCTION, Map.of("batch.spark.executorInstances", "0")))
        .hasMessageContaining("/batch/spark/executorInstances")
        .hasMessageContaining("minimum");
    assertThatThrownBy(
            () ->
                renderer.render(
                    Profile.PRODUCTION, Map.of("batch.spark.executorRequestCores", "lots")))
        .hasMessageContaining("/batch/spark/executorRequestCores");
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
