package dev.taxiplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The production hygiene of every rendered object, and the references between objects. */
class PolicyTest {
  /** Inputs the user provides when the chart does not create them (documented in values.yaml). */
  private static final Set<String> EXTERNAL_SECRETS =
      Set.of(
          "taxi-platform-secrets",
          "taxi-platform-warehouse-owner",
          "taxi-platform-warehouse-reader",
          "dashboard-tls",
          "grafana-admin");

  private final ChartRenderer renderer = ChartRenderer.ofProject();
  private final WorkloadPolicies policies = new WorkloadPolicies();

  @ParameterizedTest
  @EnumSource(
      value = Profile.class,
      names = {"MINIKUBE", "PRODUCTION"})
  void everyWorkloadMeetsThePolicies(Profile profile) {
    RenderedChart chart = renderer.render(profile);

    assertThat(chart.workloads()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(chart.workloads()).flatMap(policies::violations).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = Profile.class,
      names = {"MINIKUBE", "PRODUCTION"})
  void everyMemoryLimitLeavesRoomAboveTheComponentsHeap(Profile profile) {
    RenderedChart chart = renderer.render(profile);
    ComponentHeaps heaps = ComponentHeaps.ofProject();
    List<String> checked = new ArrayList<>();

    for (KubeObject workload : chart.workloads()) {
      for (Map<String, Object> container : workload.containers()) {
        if (!"taxi-platform".equals(workload.podLabels().get("app.kubernetes.io/name"))) {
          continue;
        }
        String command = String.valueOf(((List<?>) container.get("args")).get(0));
        Object limit =
            KubeObject.map(KubeObject.map(container.get("resources")).get("limits")).get("memory");
        heaps
            .heap(command)
            .ifPresent(
                heap -> {
                  checked.add(command);
                  assertThat(
                          io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                                  new io.fabric8.kubernetes.api.model.Quantity(
                                      String.valueOf(limit)))
                              .longValue())
                      .as(
                          "%s: memory limit %s above a %d MiB heap",
                          workload.id(), limit, heap >> 20)
                      .isGreaterThanOrEqualTo(heap + (256L << 20));
                });
      }
    }
    assertThat(checked).contains("produce", "sink", "orchestrator", "dashboard");
  }

  @Test
  void sparksExecutorPodTemplateMeetsThePoliciesLikeAnyPod() {
    List<KubeObject> templates = renderer.render(Profile.PRODUCTION).podTemplateFiles();

    assertThat(templates)
        .extracting(KubeObject::id)
        .containsExactly(
            "PodTemplateFile processing/taxi-platform-spark-executor-template:executor-pod.yaml");
    assertThat(templates).flatMap(policies::violations).isEmpty();
    assertThat(renderer.render(Profile.MINIKUBE).podTemplateFiles())
        .as("Spark runs inside the batch Job")
        .isEmpty();
  }

  @Test
  void anExecutorPodTemplateWithoutSecurityContextIsCaught() {
    KubeObject template = renderer.render(Profile.PRODUCTION).podTemplateFiles().get(0);
    Map<String, Object> copy =
        JsonMapper.builder()
            .build()
            .convertValue(template.tree(), new TypeReference<Map<String, Object>>() {});
    KubeObject planted = new KubeObject(copy);
    planted.containers().get(0).remove("securityContext");

    assertThat(policies.violations(planted))
        .containsExactlyInAnyOrder(
            template.id() + " lacks container spark-executor: allowPrivilegeEscalation false",
            template.id() + " lacks container spark-executor: readOnlyRootFilesystem",
            template.id() + " lacks container spark-executor: all capabilities dropped");
  }

  @Test
  void aWorkloadWithoutLimitsOrProbesIsCaught() {
    KubeObject sink = renderer.render(Profile.MINIKUBE).get("Deployment", "processing", "sink");
    Map<String, Object> copy =
        JsonMapper.builder()
            .build()
            .convertValue(sink.tree(), new TypeReference<Map<String, Object>>() {});
    KubeObject planted = new KubeObject(copy);
    Map<String, Object> container = planted.containers().get(0);
    container.remove("readinessProbe");
    KubeObject.map(container.get("resources")).remove("limits");
    container.put("image", "taxi-platform:latest");

    assertThat(policies.violations(planted))
        .containsExactlyInAnyOrder(
            "Deployment processing/sink lacks container sink: a memory limit",
            "Deployment processing/sink lacks container sink: a pinned image, not taxi-platform:latest",
            "Deployment processing/sink lacks container sink: a readiness probe");
  }

  @ParameterizedTest
  @EnumSource(
      value = Profile.class,
      names = {"MINIKUBE", "PRODUCTION"})
  void everyServiceSelectsAPodTemplateAndTargetsADeclaredPort(Profile profile) {
    RenderedChart chart = renderer.render(profile);

    assertThat(chart.ofKind("Service")).isNotEmpty();
    for (KubeObject service : chart.ofKind("Service")) {
      Map<String, Object> selector = KubeObject.map(service.spec().get("selector"));
      List<KubeObject> selected =
          chart.workloads().stream()
              .filter(w -> w.namespace().equals(service.namespace()))
              .filter(w -> w.podLabels().entrySet().containsAll(selector.entrySet()))
              .toList();
      assertThat(selector).as(service.id()).isNotEmpty();
      assertThat(selected).as(service.id() + " selects a pod template").isNotEmpty();
      for (Map<String, Object> port : KubeObject.listOfMaps(service.spec().get("ports"))) {
        Object target = port.get("targetPort");
        assertThat(selected.get(0).containers())
            .flatMap(c -> KubeObject.listOfMaps(c.get("ports")))
            .as(service.id() + " targets a declared port " + target)
            .anyMatch(p -> target.equals(p.get("name")) || target.equals(p.get("containerPort")));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Profile.class,
      names = {"MINIKUBE", "PRODUCTION"})
  void everyReferenceExistsInTheRenderOrIsADocumentedInput(Profile profile) {
    RenderedChart chart = renderer.render(profile);
    List<String> missing = new ArrayList<>();

    for (KubeObject workload : chart.workloads()) {
      Map<String, Object> pod = workload.podSpec().orElseThrow();
      String ns = workload.namespace();
      check(chart, missing, "ServiceAccount", ns, (String) pod.get("serviceAccountName"), workload);
      for (Map<String, Object> container : workload.containers()) {
        for (Map<String, Object> source : KubeObject.listOfMaps(container.get("envFrom"))) {
          if (source.containsKey("configMapRef")) {
            check(
                chart,
                missing,
                "ConfigMap",
                ns,
                (String) KubeObject.map(source.get("configMapRef")).get("name"),
                workload);
          } else {
            check(
                chart,
                missing,
                "Secret",
                ns,
                (String) KubeObject.map(source.get("secretRef")).get("name"),
                workload);
          }
        }
      }
    }
    for (KubeObject binding : chart.ofKind("RoleBinding")) {
      check(
          chart,
          missing,
          "Role",
          binding.namespace(),
          (String) KubeObject.map(binding.tree().get("roleRef")).get("name"),
          binding);
      for (Map<String, Object> subject : KubeObject.listOfMaps(binding.tree().get("subjects"))) {
        check(
            chart,
            missing,
            "ServiceAccount",
            (String) subject.get("namespace"),
            (String) subject.get("name"),
            binding);
      }
    }
    for (KubeObject cluster : chart.ofKind("Cluster")) {
      Map<String, Object> initdb =
          KubeObject.map(KubeObject.map(cluster.spec().get("bootstrap")).get("initdb"));
      check(
          chart,
          missing,
          "Secret",
          cluster.namespace(),
          (String) KubeObject.map(initdb.get("secret")).get("name"),
          cluster);
    }
    for (KubeObject ingress : chart.ofKind("Ingress")) {
      for (Map<String, Object> tls : KubeObject.listOfMaps(ingress.spec().get("tls"))) {
        check(
            chart, missing, "Secret", ingress.namespace(), (String) tls.get("secretName"), ingress);
      }
    }

    assertThat(missing).isEmpty();
  }

  @Test
  void secretsAreGeneratedNeverLiteral() throws IOException {
    RenderedChart first = renderer.render(Profile.MINIKUBE);
    RenderedChart second = renderer.render(Profile.MINIKUBE);
    Map<String, Object> one =
        KubeObject.map(
            first.get("Secret", "processing", "taxi-platform-secrets").tree().get("data"));
    Map<String, Object> two =
        KubeObject.map(
            second.get("Secret", "processing", "taxi-platform-secrets").tree().get("data"));

    assertThat(one.keySet())
        .containsExactlyInAnyOrder(
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "DASHBOARD_PASSWORD",
            "PLATFORM_POSTGRES_SUPERUSER_PASSWORD",
            "WAREHOUSE_PASSWORD",
            "WAREHOUSE_READER_PASSWORD");
    for (String key :
        List.of("AWS_SECRET_ACCESS_KEY", "WAREHOUSE_PASSWORD", "WAREHOUSE_READER_PASSWORD")) {
      assertThat(one.get(key)).as(key + " is generated per install").isNotEqualTo(two.get(key));
    }
    assertThat(one.get("DASHBOARD_PASSWORD")).isEqualTo(one.get("WAREHOUSE_READER_PASSWORD"));
    assertThat(first.get("Secret", "data", "taxi-platform-secrets").tree().get("data"))
        .isEqualTo(one);

    Pattern literal =
        Pattern.compile(
            "(?i)^\\s*(password|secret[-_]?key|access[-_]?key[-_]?id|token)\\s*:\\s*[^\\s{]");
    try (Stream<Path> files = Files.walk(renderer.chart())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        assertThat(Files.readAllLines(file))
            .as(file.toString())
            .noneMatch(l -> literal.matcher(l).find());
      }
    }
    assertThat(renderer.render(Profile.PRODUCTION).ofKind("Secret")).isEmpty();
  }

  private static void check(
      RenderedChart chart,
      List<String> missing,
      String kind,
      String ns,
      String name,
      KubeObject from) {
    if (name == null || chart.find(kind, ns, name).isPresent()) {
      return;
    }
    if (kind.equals("Secret") && EXTERNAL_SECRETS.contains(name)) {
      return;
    }
    missing.add(
        "%s refers to %s %s/%s, which is not rendered".formatted(from.id(), kind, ns, name));
  }
}
