package dev.taxiplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chart lints strictly and renders each profile into the expected objects. */
class ChartRenderTest {
  private final ChartRenderer renderer = ChartRenderer.ofProject();

  @TempDir Path work;

  @ParameterizedTest
  @EnumSource(Profile.class)
  void lintsStrictlyWithEachProfile(Profile profile) {
    LintResult result = new ProfileLint(renderer.chart()).lint(profile, work);

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void theProfileLintFailsOnAProfileValueTheSchemaRefuses() throws Exception {
    Path chart = work.resolve("planted");
    new ProfileLint(renderer.chart()).lint(Profile.DEFAULTS, chart);
    Path copy = chart.resolve(renderer.chart().getFileName());
    Files.writeString(
        copy.resolve("values-production.yaml"),
        Files.readString(copy.resolve("values-production.yaml"))
            .replace("executorInstances: 4", "executorInstances: 0"));

    LintResult result = new ProfileLint(copy).lint(Profile.PRODUCTION, work.resolve("linted"));

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages()))
        .contains("executorInstances")
        .contains("minimum");
  }

  @Test
  void profileValuesCoalesceOverTheDefaultsAsHelmDoes() {
    Map<String, Object> base = new java.util.LinkedHashMap<>();
    base.put("batch", new java.util.LinkedHashMap<>(Map.of("executor", "local", "shards", 4)));
    base.put("tags", List.of("a"));
    base.put("gone", "x");
    Map<String, Object> overlay = new java.util.LinkedHashMap<>();
    overlay.put("batch", Map.of("executor", "spark-kubernetes"));
    overlay.put("tags", List.of("b"));
    overlay.put("gone", null);

    ProfileLint.coalesce(base, overlay);

    assertThat(base)
        .isEqualTo(
            Map.of(
                "batch",
                Map.of("executor", "spark-kubernetes", "shards", 4),
                "tags",
                List.of("b")));
  }

  @Test
  void minikubeRendersEverythingInClusterWithThePlatformsOwnServers() {
    RenderedChart chart = renderer.render(Profile.MINIKUBE);

    assertThat(kindsByNamespace(chart))
        .containsEntry("", List.of("ClusterRole", "ClusterRoleBinding", "Namespace"))
        .containsEntry(
            "data",
            List.of(
                "ConfigMap",
                "NetworkPolicy",
                "Role",
                "RoleBinding",
                "Secret",
                "Service",
                "ServiceAccount",
                "StatefulSet"));
    assertThat(names(chart, "StatefulSet"))
        .containsExactly("data/postgres", "data/s3", "streaming/kafka");
    assertThat(names(chart, "Deployment"))
        .containsExactly(
            "monitoring/grafana",
            "monitoring/kube-state-metrics",
            "monitoring/postgres-exporter",
            "monitoring/prometheus",
            "monitoring/pushgateway",
            "orchestration/orchestrator",
            "processing/producer",
            "processing/sink",
            "serving/dashboard");
    assertThat(names(chart, "Namespace"))
        .containsExactly(
            "/data", "/monitoring", "/orchestration", "/processing", "/serving", "/streaming");
    assertThat(chart.ofKind("Kafka")).isEmpty();
    assertThat(chart.ofKind("Cluster")).isEmpty();
    assertThat(replicas(chart, "processing", "producer")).isZero();
    assertThat(replicas(chart, "processing", "sink")).isZero();
    assertThat(chart.get("Deployment", "serving", "dashboard").containers().get(0).get("env"))
        .isEqualTo(
            List.of(
                Map.of("name", "DASHBOARD_ORCHESTRATOR_URL", "value", "http://127.0.0.1:8080")));
    assertThat(chart.ofKind("Job")).extracting(KubeObject::name).containsExactly("provision-1");
  }

  @Test
  void productionRendersOperatorsReplicasAndExternalS3() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);

    assertThat(names(chart, "StatefulSet")).isEmpty();
    assertThat(names(chart, "Kafka")).containsExactly("streaming/taxi-kafka");
    assertThat(names(chart, "KafkaNodePool")).containsExactly("streaming/dual-role");
    assertThat(names(chart, "KafkaTopic"))
        .containsExactly("streaming/taxi-rides", "streaming/taxi-rides-dlq");
    assertThat(names(chart, "Cluster")).containsExactly("data/taxi-warehouse");
    assertThat(names(chart, "PodDisruptionBudget"))
        .containsExactly("processing/sink", "serving/dashboard");
    assertThat(names(chart, "Ingress")).containsExactly("serving/dashboard");
    assertThat(chart.ofKind("Secret")).as("secrets.create=false: brought by the user").isEmpty();
    assertThat(replicas(chart, "serving", "dashboard")).isEqualTo(2);
    assertThat(replicas(chart, "processing", "sink")).isEqualTo(3);

    Map<String, Object> nodePool = chart.get("KafkaNodePool", "streaming", "dual-role").spec();
    assertThat(nodePool.get("replicas")).isEqualTo(3);
    Map<String, Object> kafka =
        KubeObject.map(chart.get("Kafka", "streaming", "taxi-kafka").spec().get("kafka"));
    assertThat(KubeObject.map(kafka.get("config")))
        .containsEntry("default.replication.factor", 3)
        .containsEntry("min.insync.replicas", 2);
    assertThat(chart.get("KafkaTopic", "streaming", "taxi-rides").spec())
        .containsEntry("partitions", 6)
        .containsEntry("replicas", 3);

    Map<String, Object> config =
        KubeObject.map(
            chart.get("ConfigMap", "processing", "taxi-platform-config").tree().get("data"));
    assertThat(config)
        .containsEntry("S3_ENDPOINT", "https://s3.eu-west-1.amazonaws.com")
        .containsEntry(
            "KAFKA_BOOTSTRAP_SERVERS",
            "taxi-kafka-kafka-bootstrap.streaming.svc.cluster.local:9092")
        .containsEntry("WAREHOUSE_HOST", "taxi-warehouse-rw.data.svc.cluster.local");
  }

  @Test
  void oneNamespaceWhenAsked() {
    RenderedChart chart = renderer.render(Profile.MINIKUBE, Map.of("namespaces.split", "false"));

    assertThat(chart.ofKind("Namespace")).isEmpty();
    assertThat(chart.objects())
        .filteredOn(o -> !o.namespace().isEmpty())
        .allMatch(o -> o.namespace().equals(ChartRenderer.RELEASE_NAMESPACE));
    assertThat(chart.ofKind("ConfigMap"))
        .extracting(KubeObject::name)
        .containsExactlyInAnyOrder(
            "taxi-platform-config",
            "postgres-exporter-queries",
            "prometheus-config",
            "prometheus-rules",
            "grafana-provisioning",
            "grafana-dashboards");
    assertThat(
            KubeObject.map(
                    chart
                        .get("ConfigMap", ChartRenderer.RELEASE_NAMESPACE, "taxi-platform-config")
                        .tree()
                        .get("data"))
                .get("KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("kafka.taxi-platform.svc.cluster.local:9092");
  }

  @Test
  void refusesAnUnpinnedImageAndMoreSinksThanPartitions() {
    assertThatThrownBy(() -> renderer.render(Profile.MINIKUBE, Map.of("image.tag", "latest")))
        .hasMessageContaining("at '/image/tag'");
    assertThatThrownBy(
            () ->
                renderer.render(
                    Profile.MINIKUBE, Map.of("sink.replicas", "4", "kafka.partitions", "3")))
        .hasMessageContaining("sink.replicas (4) must not exceed kafka.partitions (3)");
    assertThatThrownBy(() -> renderer.render(Profile.MINIKUBE, Map.of("s3.mode", "external")))
        .hasMessageContaining("s3.external.endpoint is required");
  }

  @Test
  void theValuesSchemaRejectsUnknownKeysAndUnknownModes() {
    assertThatThrownBy(() -> renderer.render(Profile.MINIKUBE, Map.of("kafka.mod", "strimzi")))
        .hasMessageContaining("at '/kafka': additional properties 'mod' not allowed");
    assertThatThrownBy(() -> renderer.render(Profile.MINIKUBE, Map.of("postgres.mode", "rds")))
        .hasMessageContaining(
            "at '/postgres/mode': value must be one of 'platform', 'cloudnativepg', 'external'");
  }

  @Test
  void theImageIsThePlatformsVersion() {
    RenderedChart chart = renderer.render(Profile.MINIKUBE);

    assertThat(chart.workloads())
        .filteredOn(w -> !w.namespace().equals("monitoring"))
        .flatMap(KubeObject::containers)
        .extracting(c -> c.get("image"))
        .containsOnly("taxi-platform:" + System.getProperty("project.version"));
    assertThat(chart.workloads())
        .filteredOn(w -> w.namespace().equals("monitoring"))
        .flatMap(KubeObject::containers)
        .extracting(c -> c.get("image"))
        .containsExactlyInAnyOrder(
            "quay.io/prometheus/prometheus:v3.5.0",
            "docker.io/grafana/grafana:12.1.1",
            "quay.io/prometheus/pushgateway:v1.11.1",
            "quay.io/prometheuscommunity/postgres-exporter:v0.17.1",
            "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.16.0");
  }

  private static Map<String, List<String>> kindsByNamespace(RenderedChart chart) {
    return chart.objects().stream()
        .collect(
            Collectors.groupingBy(
                KubeObject::namespace,
                TreeMap::new,
                Collectors.collectingAndThen(
                    Collectors.mapping(
                        KubeObject::kind, Collectors.toCollection(java.util.TreeSet::new)),
                    List::copyOf)));
  }

  private static List<String> names(RenderedChart chart, String kind) {
    return chart.ofKind(kind).stream().map(o -> o.namespace() + "/" + o.name()).sorted().toList();
  }

  private static int replicas(RenderedChart chart, String namespace, String name) {
    return (Integer) chart.get("Deployment", namespace, name).spec().get("replicas");
  }
}
