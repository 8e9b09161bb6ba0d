package dev.taxiplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.orchestrator.streaming.KubernetesStreamingRunner;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The NetworkPolicies as a graph: for every ordered pair of the platform's workloads, traffic is
 * allowed exactly when the architecture has that flow (egress of the source and ingress of the
 * destination both allow it).
 */
class NetworkPolicyGraphTest {
  private final ChartRenderer renderer = ChartRenderer.ofProject();

  @Test
  void minikubeAllowsExactlyTheArchitecturesFlows() {
    RenderedChart chart = renderer.render(Profile.MINIKUBE);

    assertThat(allowedPairs(chart))
        .containsExactlyInAnyOrder(
            "producer->kafka",
            "sink->kafka",
            "sink->s3",
            "provision->kafka",
            "provision->s3",
            "batch->s3",
            "load->s3",
            "load->postgres",
            "transform->postgres",
            "orchestrator->postgres",
            "orchestrator->kafka",
            "orchestrator->sink",
            "dashboard->postgres",
            "prometheus->producer",
            "prometheus->sink",
            "prometheus->orchestrator",
            "prometheus->dashboard",
            "prometheus->pushgateway",
            "prometheus->postgres-exporter",
            "prometheus->kube-state-metrics",
            "prometheus->kafka",
            "postgres-exporter->postgres",
            "grafana->prometheus",
            "batch->pushgateway",
            "load->pushgateway",
            "orchestrator->pushgateway");
  }

  @Test
  void sparkOnKubernetesAddsTheDriverAndExecutorFlows() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);

    assertThat(allowedPairs(chart))
        .containsExactlyInAnyOrder(
            "orchestrator->sink",
            "batch->pushgateway",
            "load->pushgateway",
            "orchestrator->pushgateway",
            "batch->spark-executor",
            "spark-executor->batch",
            "spark-executor->spark-executor");
    Map<String, Set<String>> external = externalEgress(chart);
    assertThat(external.get("producer")).containsExactly("strimzi:9092");
    assertThat(external.get("sink")).containsExactlyInAnyOrder("strimzi:9092", "ip:0.0.0.0/0:443");
    assertThat(external.get("dashboard")).containsExactly("cnpg:5432");
    assertThat(external.get("postgres-exporter")).containsExactly("cnpg:5432");
    assertThat(external.get("transform")).containsExactly("cnpg:5432");
    assertThat(external.get("batch"))
        .containsExactlyInAnyOrder("ip:0.0.0.0/0:443", "ip:10.0.0.0/8:443");
    assertThat(external.get("orchestrator"))
        .containsExactlyInAnyOrder("cnpg:5432", "strimzi:9092", "ip:10.0.0.0/8:443");
  }

  @Test
  void prometheusReachesOnlyTheMetricsPortsAndTheIngressControllerOnlyTheUis() {
    assertThat(sourcesOutsideThePlatform(renderer.render(Profile.MINIKUBE)))
        .containsExactlyInAnyOrder(
            "ingress-nginx->orchestrator:8080",
            "ingress-nginx->dashboard:8501",
            "monitoring->producer:9465",
            "monitoring->sink:9464",
            "monitoring->orchestrator:8080",
            "monitoring->dashboard:8501",
            "monitoring->pushgateway:9091",
            "monitoring->postgres-exporter:9187",
            "monitoring->kube-state-metrics:8080",
            "monitoring->kafka:9404",
            "monitoring->prometheus:9090");
    assertThat(sourcesOutsideThePlatform(renderer.render(Profile.PRODUCTION)))
        .containsExactlyInAnyOrder(
            "ingress-nginx->orchestrator:8080",
            "ingress-nginx->dashboard:8501",
            "monitoring->producer:9465",
            "monitoring->sink:9464",
            "monitoring->orchestrator:8080",
            "monitoring->dashboard:8501",
            "monitoring->pushgateway:9091",
            "monitoring->postgres-exporter:9187");
  }

  @ParameterizedTest
  @EnumSource(
      value = Profile.class,
      names = {"MINIKUBE", "PRODUCTION"})
  void theDrainStepReachesTheSinksFlushEndpointThroughItsServiceAndPolicies(Profile profile) {
    RenderedChart chart = renderer.render(profile);
    Map<String, Object> orchestratorConfig =
        KubeObject.map(
            chart.get("ConfigMap", "orchestration", "taxi-platform-config").tree().get("data"));
    int port = Integer.parseInt((String) orchestratorConfig.get("SINK_METRICS_PORT"));

    // What the orchestrator's Kubernetes executor calls: the sink Service in the tasks' namespace.
    URI endpoint =
        URI.create(KubernetesStreamingRunner.sinkEndpoint("processing", port) + "/flush");
    assertThat(endpoint.toString()).isEqualTo("http://sink.processing.svc:9464/flush");
    KubeObject service = chart.get("Service", "processing", "sink");
    assertThat(KubeObject.listOfMaps(service.spec().get("ports")))
        .extracting(p -> p.get("port"))
        .containsExactly(9464);
    KubeObject orchestrator = chart.get("NetworkPolicy", "orchestration", "orchestrator");
    KubeObject sink = chart.get("NetworkPolicy", "processing", "sink");
    assertThat(ports(orchestrator, "egress", "to", sink)).containsExactly(9464);
    assertThat(ports(sink, "ingress", "from", orchestrator)).containsExactly(9464);
  }

  /** The ports of a policy's rules (egress or ingress) whose peers select the other workload. */
  private static List<Object> ports(
      KubeObject policy, String direction, String peers, KubeObject other) {
    return KubeObject.listOfMaps(policy.spec().get(direction)).stream()
        .filter(
            rule ->
                KubeObject.listOfMaps(rule.get(peers)).stream()
                    .anyMatch(peer -> selects(peer, other)))
        .flatMap(rule -> KubeObject.listOfMaps(rule.get("ports")).stream())
        .map(p -> p.get("port"))
        .toList();
  }

  @Test
  void everyPlatformPodIsDeniedByDefault() {
    RenderedChart chart = renderer.render(Profile.MINIKUBE);

    for (String ns : List.of("data", "streaming", "processing", "orchestration", "serving")) {
      Map<String, Object> spec =
          chart.get("NetworkPolicy", ns, "taxi-platform-default-deny").spec();
      assertThat(spec).doesNotContainKeys("ingress", "egress");
      assertThat(spec.get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
    }
  }

  /** "namespace->workload:port" for each ingress rule admitting pods outside the platform. */
  private static Set<String> sourcesOutsideThePlatform(RenderedChart chart) {
    Set<String> sources = new TreeSet<>();
    for (KubeObject policy : chart.ofKind("NetworkPolicy")) {
      for (Map<String, Object> rule : KubeObject.listOfMaps(policy.spec().get("ingress"))) {
        for (Map<String, Object> peer : KubeObject.listOfMaps(rule.get("from"))) {
          Map<String, Object> pods =
              KubeObject.map(KubeObject.map(peer.get("podSelector")).get("matchLabels"));
          if (!"taxi-platform".equals(pods.get("app.kubernetes.io/name"))) {
            Object ns =
                KubeObject.map(KubeObject.map(peer.get("namespaceSelector")).get("matchLabels"))
                    .get("kubernetes.io/metadata.name");
            sources.add(
                "%s->%s:%s"
                    .formatted(
                        ns,
                        policy.name(),
                        KubeObject.listOfMaps(rule.get("ports")).get(0).get("port")));
          }
        }
      }
    }
    return sources;
  }

  /** "a->b" for each pair of workloads whose policies let a reach b. */
  static Set<String> allowedPairs(RenderedChart chart) {
    List<KubeObject> policies =
        chart.ofKind("NetworkPolicy").stream()
            .filter(p -> !p.name().endsWith("default-deny"))
            .toList();
    Set<String> allowed = new TreeSet<>();
    for (KubeObject from : policies) {
      for (KubeObject to : policies) {
        if (egressAllows(from, to) && ingressAllows(to, from)) {
          allowed.add(from.name() + "->" + to.name());
        }
      }
    }
    return allowed;
  }

  private static boolean egressAllows(KubeObject from, KubeObject to) {
    return KubeObject.listOfMaps(from.spec().get("egress")).stream()
        .flatMap(rule -> KubeObject.listOfMaps(rule.get("to")).stream())
        .anyMatch(peer -> selects(peer, to));
  }

  private static boolean ingressAllows(KubeObject to, KubeObject from) {
    return KubeObject.listOfMaps(to.spec().get("ingress")).stream()
        .flatMap(rule -> KubeObject.listOfMaps(rule.get("from")).stream())
        .anyMatch(peer -> selects(peer, from));
  }

  /** Whether a peer selects the pods a workload's policy governs. */
  private static boolean selects(Map<String, Object> peer, KubeObject workloadPolicy) {
    if (peer.containsKey("ipBlock") || !peer.containsKey("podSelector")) {
      return false;
    }
    Object ns =
        KubeObject.map(KubeObject.map(peer.get("namespaceSelector")).get("matchLabels"))
            .get("kubernetes.io/metadata.name");
    Map<String, Object> wanted =
        KubeObject.map(KubeObject.map(peer.get("podSelector")).get("matchLabels"));
    Map<String, Object> labels =
        KubeObject.map(KubeObject.map(workloadPolicy.spec().get("podSelector")).get("matchLabels"));
    return workloadPolicy.namespace().equals(ns)
        && labels.entrySet().containsAll(wanted.entrySet())
        && wanted.size() == labels.size();
  }

  /**
   * Per workload, its egress to what is not a platform workload: operators' pods, address blocks.
   */
  private static Map<String, Set<String>> externalEgress(RenderedChart chart) {
    Map<String, Set<String>> external = new java.util.HashMap<>();
    for (KubeObject policy : chart.ofKind("NetworkPolicy")) {
      Set<String> targets = new TreeSet<>();
      for (Map<String, Object> rule : KubeObject.listOfMaps(policy.spec().get("egress"))) {
        List<Map<String, Object>> ports = KubeObject.listOfMaps(rule.get("ports"));
        for (Map<String, Object> peer : KubeObject.listOfMaps(rule.get("to"))) {
          Map<String, Object> labels =
              KubeObject.map(KubeObject.map(peer.get("podSelector")).get("matchLabels"));
          if (labels.containsKey("strimzi.io/cluster")) {
            targets.add("strimzi:" + ports.get(0).get("port"));
          } else if (labels.containsKey("cnpg.io/cluster")) {
            targets.add("cnpg:" + ports.get(0).get("port"));
          } else if (peer.containsKey("ipBlock")) {
            targets.add(
                "ip:%s:%s"
                    .formatted(
                        KubeObject.map(peer.get("ipBlock")).get("cidr"),
                        ports.stream()
                            .map(p -> String.valueOf(p.get("port")))
                            .collect(java.util.stream.Collectors.joining(","))));
          }
        }
      }
      external.put(policy.name(), targets);
    }
    return external;
  }
}
