package dev.taxiplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring objects: the Prometheus operator's (production) and the plain Prometheus and
 * Grafana (minikube), checked against the rules and dashboards of deploy/monitoring/.
 */
class MonitoringObjectsTest {
  private static final List<String> SCRAPED =
      List.of("dashboard", "orchestrator", "producer", "sink", "postgres-exporter", "pushgateway");

  private final ChartRenderer renderer = ChartRenderer.ofProject();
  private final MonitoringSources sources = MonitoringSources.ofProject(renderer);
  private final StrictModelValidator strict = new StrictModelValidator();
  private final RequiredFieldsValidator required =
      new RequiredFieldsValidator(NodeTools.ofProject());

  @Test
  void theChartsCopyOfTheRulesAndDashboardsEqualsTheSource() {
    List<Path> expected = sources.copiedSourceFiles();

    assertThat(sources.copiedFiles())
        .as("the chart's monitoring/ holds exactly deploy/monitoring's rules, dashboards, queries")
        .containsExactlyInAnyOrderElementsOf(expected);
    for (Path file : expected) {
      assertThat(sources.read(sources.chartCopy(), file))
          .as(
              "%s in the chart differs from deploy/monitoring/%s: copy it again"
                  + " (cp deploy/monitoring/%s deploy/helm/taxi-platform/monitoring/%s)",
              file, file, file, file)
          .isEqualTo(sources.read(sources.source(), file));
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void productionHasAServiceMonitorPerComponentARuleAndTheDashboards() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);

    assertThat(chart.ofKind("ServiceMonitor"))
        .extracting(KubeObject::name)
        .containsExactlyInAnyOrderElementsOf(SCRAPED);
    for (KubeObject monitor : chart.ofKind("ServiceMonitor")) {
      assertThat(KubeObject.map(monitor.metadata().get("labels")))
          .containsEntry("release", "kube-prometheus-stack");
      List<Map<String, Object>> endpoints = KubeObject.listOfMaps(monitor.spec().get("endpoints"));
      assertThat(endpoints).hasSize(1);
      assertThat(endpoints.get(0)).containsEntry("port", "http").containsEntry("path", "/metrics");
      assertThat(endpoints.get(0).get("honorLabels"))
          .as(monitor.id() + ": pushed job labels are kept only from the Pushgateway")
          .isEqualTo(monitor.name().equals("pushgateway") ? true : null);
    }
    assertThat(chart.ofKind("PrometheusRule"))
        .extracting(KubeObject::id)
        .containsExactly("PrometheusRule monitoring/taxi-platform-platform-alerts");
    assertThat(dashboardConfigMaps(chart)).hasSize(sources.dashboardFiles().size());
    assertThat(chart.find("Deployment", "monitoring", "prometheus")).isEmpty();
    assertThat(chart.ofKind("Namespace"))
        .as("the monitoring namespace is the monitoring stack's")
        .extracting(KubeObject::name)
        .doesNotContain("monitoring")
        .contains("streaming", "processing");
  }

  @Test
  void everyServiceMonitorSelectsAServiceWithTheNamedPort() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);

    assertThat(unmatchedServiceMonitors(chart)).isEmpty();
  }

  @Test
  void aServiceMonitorOnAnUndeclaredPortIsCaught() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);
    List<KubeObject> objects = new ArrayList<>(chart.objects());
    KubeObject sink = chart.get("ServiceMonitor", "processing", "sink");
    objects.remove(sink);
    objects.add(
        planted(
            sink,
            tree ->
                KubeObject.listOfMaps(KubeObject.map(tree.get("spec")).get("endpoints"))
                    .get(0)
                    .put("port", "metrics")));

    assertThat(unmatchedServiceMonitors(new RenderedChart(Profile.PRODUCTION, objects)))
        .containsExactly("ServiceMonitor processing/sink: no Service with a port named metrics");
  }

  @Test
  void thePrometheusRulesGroupsEqualTheRulesFiles() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);

    for (Path file : sources.ruleFiles()) {
      String name = "taxi-platform-" + file.getFileName().toString().replace(".yml", "");
      Object groups = yaml(sources.read(sources.source(), file)).get("groups");
      assertThat(chart.get("PrometheusRule", "monitoring", name).spec())
          .containsOnlyKeys("groups")
          .containsEntry("groups", groups);
      assertThat((List<?>) groups).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void everyDashboardConfigMapHoldsValidJsonEqualToTheSource() {
    for (Profile profile : List.of(Profile.PRODUCTION, Profile.MINIKUBE)) {
      RenderedChart chart = renderer.render(profile);
      Map<String, Object> files = new java.util.TreeMap<>();
      for (KubeObject configMap : dashboardConfigMaps(chart)) {
        files.putAll(KubeObject.map(configMap.tree().get("data")));
      }

      assertThat(files.keySet())
          .as(profile + " dashboards")
          .containsExactlyInAnyOrderElementsOf(
              sources.dashboardFiles().stream().map(f -> f.getFileName().toString()).toList());
      for (Path file : sources.dashboardFiles()) {
        Map<String, Object> rendered = json((String) files.get(file.getFileName().toString()));
        assertThat(rendered)
            .as(profile + " " + file)
            .isEqualTo(json(sources.read(sources.source(), file)));
        assertThat(rendered).containsKeys("title", "panels");
      }
    }
  }

  @Test
  void theOperatorsKindsValidateStrictlyAndForRequiredFields() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);
    List<KubeObject> operatorObjects =
        chart.objects().stream()
            .filter(o -> o.apiVersion().equals("monitoring.coreos.com/v1"))
            .toList();

    assertThat(operatorObjects).hasSize(8);
    for (KubeObject object : operatorObjects) {
      assertThat(strict.covers(object)).as("a Java model for " + object.id()).isTrue();
      assertThat(strict.problems(object)).as(object.id()).isEmpty();
    }
    assertThat(required.validate(operatorObjects))
        .allSatisfy(v -> assertThat(v.status()).as(v.kind() + " " + v.error()).isEqualTo("valid"));
  }

  @Test
  void theOperatorsKindsCatchAMisspelledFieldAndAMissingRequiredOne() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);
    KubeObject monitor = chart.get("ServiceMonitor", "processing", "sink");
    KubeObject rule = chart.get("PrometheusRule", "monitoring", "taxi-platform-platform-alerts");

    KubeObject misspelled =
        planted(
            monitor,
            tree -> {
              Map<String, Object> spec = KubeObject.map(tree.get("spec"));
              spec.put("endpoint", spec.remove("endpoints"));
            });
    KubeObject unnamedGroup =
        planted(
            rule,
            tree ->
                KubeObject.listOfMaps(KubeObject.map(tree.get("spec")).get("groups"))
                    .get(0)
                    .remove("name"));

    assertThat(strict.problems(misspelled))
        .singleElement()
        .asString()
        .contains("unknown field(s) [endpoint]");
    List<RequiredFieldsValidator.Verdict> verdicts = required.validate(List.of(unnamedGroup));
    assertThat(verdicts.get(0).status()).isEqualTo("invalid");
    assertThat(verdicts.get(0).error()).contains("must have required property name");
  }

  @Test
  void minikubeRunsPrometheusAndGrafanaScrapingEveryComponent() {
    RenderedChart chart = renderer.render(Profile.MINIKUBE);

    assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
    assertThat(chart.ofKind("PrometheusRule")).isEmpty();
    chart.get("Deployment", "monitoring", "prometheus");
    chart.get("Deployment", "monitoring", "grafana");
    Map<String, Object> config =
        yaml(
            (String)
                KubeObject.map(
                        chart
                            .get("ConfigMap", "monitoring", "prometheus-config")
                            .tree()
                            .get("data"))
                    .get("prometheus.yml"));
    List<String> targets = new ArrayList<>();
    for (Map<String, Object> job : KubeObject.listOfMaps(config.get("scrape_configs"))) {
      if (job.get("static_configs") == null) {
        continue;
      }
      Map<String, Object> staticConfig = KubeObject.listOfMaps(job.get("static_configs")).get(0);
      targets.add(job.get("job_name") + "=" + ((List<?>) staticConfig.get("targets")).get(0));
    }
    assertThat(targets)
        .containsExactlyInAnyOrder(
            "producer=producer.processing.svc.cluster.local:9465",
            "sink=sink.processing.svc.cluster.local:9464",
            "orchestrator=orchestrator.orchestration.svc.cluster.local:8080",
            "dashboard=dashboard.serving.svc.cluster.local:8501",
            "pushgateway=pushgateway.monitoring.svc.cluster.local:9091",
            "postgres-exporter=postgres-exporter.monitoring.svc.cluster.local:9187",
            "kafka=kafka.streaming.svc.cluster.local:9404",
            "kube-state-metrics=kube-state-metrics.monitoring.svc.cluster.local:8080");
    assertThat(config.get("rule_files")).isEqualTo(List.of("/etc/prometheus/rules/*.yml"));
    Map<String, Object> rules =
        KubeObject.map(chart.get("ConfigMap", "monitoring", "prometheus-rules").tree().get("data"));
    for (Path file : sources.ruleFiles()) {
      assertThat(rules.get(file.getFileName().toString()))
          .isEqualTo(sources.read(sources.source(), file).stripTrailing());
    }
    String datasources =
        (String)
            KubeObject.map(
                    chart.get("ConfigMap", "monitoring", "grafana-provisioning").tree().get("data"))
                .get("datasources.yaml");
    assertThat(KubeObject.listOfMaps(yaml(datasources).get("datasources")))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d)
                    .containsEntry("type", "prometheus")
                    .containsEntry("url", "http://prometheus.monitoring.svc.cluster.local:9090"));
  }

  @Test
  void minikubeScrapesCadvisorThroughTheApiServerWithAClusterRoleForNodesOnly() {
    RenderedChart chart = renderer.render(Profile.MINIKUBE);

    Map<String, Object> job = cadvisorJob(chart).orElseThrow();
    assertThat(job)
        .containsEntry("scheme", "https")
        .containsEntry("kubernetes_sd_configs", List.of(Map.of("role", "node")));
    List<Map<String, Object>> relabels = KubeObject.listOfMaps(job.get("relabel_configs"));
    assertThat(relabels.get(0)).containsEntry("replacement", "kubernetes.default.svc:443");
    assertThat(relabels.get(1))
        .containsEntry("target_label", "__metrics_path__")
        .containsEntry("replacement", "/api/v1/nodes/${1}/proxy/metrics/cadvisor");
    assertThat(KubeObject.listOfMaps(job.get("metric_relabel_configs")))
        .singleElement()
        .satisfies(
            keep ->
                assertThat(keep)
                    .containsEntry("action", "keep")
                    .containsEntry("source_labels", List.of("namespace"))
                    .containsEntry("regex", "data|streaming|processing|orchestration|serving"));

    KubeObject role =
        chart.ofKind("ClusterRole").stream()
            .filter(r -> r.name().endsWith("-taxi-platform-cadvisor"))
            .findFirst()
            .orElseThrow();
    assertThat(KubeObject.listOfMaps(role.tree().get("rules")))
        .containsExactly(
            Map.of(
                "apiGroups",
                List.of(""),
                "resources",
                List.of("nodes"),
                "verbs",
                List.of("list", "watch")),
            Map.of(
                "apiGroups",
                List.of(""),
                "resources",
                List.of("nodes/proxy", "nodes/metrics"),
                "verbs",
                List.of("get")));
    KubeObject binding =
        chart.ofKind("ClusterRoleBinding").stream()
            .filter(b -> b.name().equals(role.name()))
            .findFirst()
            .orElseThrow();
    assertThat(KubeObject.listOfMaps(binding.tree().get("subjects")))
        .containsExactly(
            Map.of(
                "kind",
                "ServiceAccount",
                "name",
                "taxi-platform-monitoring",
                "namespace",
                "monitoring"));
    assertThat(prometheusPodSpec(chart)).containsEntry("automountServiceAccountToken", true);
  }

  @Test
  void cadvisorScrapingIsOptedOutWithItsClusterRoleAndToken() {
    RenderedChart chart =
        renderer.render(Profile.MINIKUBE, Map.of("monitoring.plain.cadvisor.enabled", "false"));

    assertThat(cadvisorJob(chart)).isEmpty();
    assertThat(chart.ofKind("ClusterRole"))
        .extracting(KubeObject::name)
        .noneMatch(name -> name.endsWith("-taxi-platform-cadvisor"));
    assertThat(chart.ofKind("ClusterRoleBinding"))
        .extracting(KubeObject::name)
        .noneMatch(name -> name.endsWith("-taxi-platform-cadvisor"));
    assertThat(prometheusPodSpec(chart)).containsEntry("automountServiceAccountToken", false);
  }

  private Optional<Map<String, Object>> cadvisorJob(RenderedChart chart) {
    Map<String, Object> config =
        yaml(
            (String)
                KubeObject.map(
                        chart
                            .get("ConfigMap", "monitoring", "prometheus-config")
                            .tree()
                            .get("data"))
                    .get("prometheus.yml"));
    return KubeObject.listOfMaps(config.get("scrape_configs")).stream()
        .filter(job -> "kubernetes-cadvisor".equals(job.get("job_name")))
        .findFirst();
  }

  private static Map<String, Object> prometheusPodSpec(RenderedChart chart) {
    return chart.get("Deployment", "monitoring", "prometheus").podSpec().orElseThrow();
  }

  @Test
  void thePostgresExporterReadsTheWarehouseAsTheReadOnlyRoleWithThePlatformsQueries() {
    RenderedChart minikube = renderer.render(Profile.MINIKUBE);
    RenderedChart production = renderer.render(Profile.PRODUCTION);

    assertThat(exporterEnv(minikube))
        .containsEntry(
            "DATA_SOURCE_URI", "postgres.data.svc.cluster.local:5432/warehouse?sslmode=disable")
        .containsEntry("DATA_SOURCE_USER", "platform_reader")
        .containsEntry(
            "DATA_SOURCE_PASS",
            Map.of(
                "secretKeyRef",
                Map.of("name", "taxi-platform-secrets", "key", "WAREHOUSE_READER_PASSWORD")));
    assertThat(exporterEnv(production))
        .containsEntry(
            "DATA_SOURCE_URI",
            "taxi-warehouse-rw.data.svc.cluster.local:5432/warehouse?sslmode=require");
    Map<String, Object> queries =
        KubeObject.map(
            minikube
                .get("ConfigMap", "monitoring", "postgres-exporter-queries")
                .tree()
                .get("data"));
    for (Path file : sources.exporterQueryFiles()) {
      assertThat(yaml((String) queries.get(file.getFileName().toString())))
          .isEqualTo(yaml(sources.read(sources.source(), file)))
          .containsKey("taxi_marts");
    }
  }

  @Test
  void thePlatformsBrokerServesItsMetricsWhereItsScrapeJobAndServiceMonitorLook() {
    RenderedChart plain = renderer.render(Profile.MINIKUBE);
    Map<String, Object> container = brokerContainer(plain);
    List<?> args = (List<?>) container.get("args");
    int option = args.indexOf("--metrics-port");
    assertThat(option).isNotNegative();
    assertThat(args.get(option + 1)).isEqualTo("9404");
    assertThat(KubeObject.listOfMaps(container.get("ports")))
        .contains(Map.of("name", "http", "containerPort", 9404));
    assertThat(
            KubeObject.listOfMaps(plain.get("Service", "streaming", "kafka").spec().get("ports")))
        .contains(Map.of("name", "http", "port", 9404, "targetPort", "http"));

    RenderedChart operator =
        renderer.render(Profile.MINIKUBE, Map.of("monitoring.mode", "operator"));
    assertThat(operator.ofKind("ServiceMonitor"))
        .extracting(KubeObject::id)
        .contains("ServiceMonitor streaming/kafka");
    assertThat(unmatchedServiceMonitors(operator)).isEmpty();

    RenderedChart unmonitored =
        renderer.render(Profile.MINIKUBE, Map.of("monitoring.enabled", "false"));
    assertThat(((List<?>) brokerContainer(unmonitored).get("args")).stream().map(String::valueOf))
        .doesNotContain("--metrics-port");
  }

  private static Map<String, Object> brokerContainer(RenderedChart chart) {
    Map<String, Object> template =
        KubeObject.map(chart.get("StatefulSet", "streaming", "kafka").spec().get("template"));
    return KubeObject.listOfMaps(KubeObject.map(template.get("spec")).get("containers")).get(0);
  }

  @Test
  void strimzisBrokersExportTheJmxRulesToAPodMonitor() {
    RenderedChart chart = renderer.render(Profile.PRODUCTION);
    KubeObject kafka = chart.get("Kafka", "streaming", "taxi-kafka");
    Map<String, Object> metricsConfig =
        KubeObject.map(KubeObject.map(kafka.spec().get("kafka")).get("metricsConfig"));

    assertThat(metricsConfig)
        .isEqualTo(
            Map.of(
                "type",
                "jmxPrometheusExporter",
                "valueFrom",
                Map.of(
                    "configMapKeyRef",
                    Map.of("name", "taxi-kafka-metrics", "key", "jmx-exporter.yaml"))));
    Map<String, Object> rules =
        KubeObject.map(
            chart.get("ConfigMap", "streaming", "taxi-kafka-metrics").tree().get("data"));
    for (Path file : sources.kafkaExporterFiles()) {
      assertThat(yaml((String) rules.get(file.getFileName().toString())))
          .isEqualTo(yaml(sources.read(sources.source(), file)))
          .containsKey("rules");
    }
    KubeObject monitor = chart.get("PodMonitor", "streaming", "taxi-kafka");
    assertThat(KubeObject.map(monitor.spec().get("selector")).get("matchLabels"))
        .isEqualTo(Map.of("strimzi.io/cluster", "taxi-kafka", "strimzi.io/kind", "Kafka"));
    assertThat(KubeObject.listOfMaps(monitor.spec().get("podMetricsEndpoints")))
        .extracting(e -> e.get("port"))
        .containsExactly("tcp-prometheus");
  }

  @Test
  void theRenderedRulesAndScrapeConfigurationPassPromtool(@TempDir Path directory)
      throws IOException {
    RenderedChart production = renderer.render(Profile.PRODUCTION);
    RenderedChart minikube = renderer.render(Profile.MINIKUBE);
    Path rules = directory.resolve("rules.yml");
    Path broken = directory.resolve("broken.yml");
    Path config = directory.resolve("prometheus.yml");
    Object groups =
        production.get("PrometheusRule", "monitoring", "taxi-platform-platform-alerts").spec();
    java.nio.file.Files.writeString(rules, ChartRenderer.toJson(groups));
    java.nio.file.Files.writeString(
        broken, ChartRenderer.toJson(groups).replaceFirst("\"up == 0\"", "\"up ==\""));
    String scrape =
        (String)
            KubeObject.map(
                    minikube.get("ConfigMap", "monitoring", "prometheus-config").tree().get("data"))
                .get("prometheus.yml");
    // Debian's Prometheus is built without Kubernetes service discovery: the cAdvisor job is
    // checked with its nodes given statically, the rest of its settings as rendered (with the
    // pod's service account files in a directory of the test).
    Path account = java.nio.file.Files.createDirectories(directory.resolve("serviceaccount"));
    java.nio.file.Files.writeString(account.resolve("token"), "token");
    java.nio.file.Files.writeString(account.resolve("ca.crt"), "");
    Map<String, Object> scrapeConfig =
        new java.util.LinkedHashMap<>(
            yaml(
                scrape
                    .replace("/etc/prometheus/rules/*.yml", rules.toString())
                    .replace("/var/run/secrets/kubernetes.io/serviceaccount", account.toString())));
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (Map<String, Object> job : KubeObject.listOfMaps(scrapeConfig.get("scrape_configs"))) {
      Map<String, Object> checked = new java.util.LinkedHashMap<>(job);
      if (checked.remove("kubernetes_sd_configs") != null) {
        checked.put("static_configs", List.of(Map.of("targets", List.of("node-1:10250"))));
      }
      jobs.add(checked);
    }
    scrapeConfig.put("scrape_configs", jobs);
    assertThat(jobs).extracting(job -> job.get("job_name")).contains("kubernetes-cadvisor");
    java.nio.file.Files.writeString(config, ChartRenderer.toJson(scrapeConfig));

    Promtool promtool = new Promtool();
    Promtool.Result checkRules = promtool.run("check", "rules", rules.toString());
    Promtool.Result checkConfig = promtool.run("check", "config", config.toString());
    Promtool.Result checkBroken = promtool.run("check", "rules", broken.toString());

    assertThat(checkRules.exitCode()).as(checkRules.output()).isZero();
    assertThat(checkRules.output()).contains("SUCCESS");
    assertThat(checkConfig.exitCode()).as(checkConfig.output()).isZero();
    assertThat(checkBroken.exitCode()).as(checkBroken.output()).isNotZero();
  }

  @Test
  void kubeStateMetricsWatchesOnlyThePodsOfThePlatformsNamespaces() {
    RenderedChart chart = renderer.render(Profile.MINIKUBE);

    // The only ClusterRole is Prometheus's, for the nodes' cAdvisor metrics.
    assertThat(chart.ofKind("ClusterRole"))
        .extracting(KubeObject::name)
        .containsExactly("monitoring-taxi-platform-cadvisor");
    assertThat(chart.ofKind("Role"))
        .filteredOn(r -> r.name().equals("taxi-platform-kube-state-metrics"))
        .extracting(KubeObject::namespace)
        .containsExactlyInAnyOrder("data", "streaming", "processing", "orchestration", "serving");
    assertThat(chart.get("Role", "processing", "taxi-platform-kube-state-metrics").tree())
        .containsEntry(
            "rules",
            List.of(
                Map.of(
                    "apiGroups", List.of(""),
                    "resources", List.of("pods"),
                    "verbs", List.of("list", "watch"))));
    assertThat(
            chart
                .get("Deployment", "monitoring", "kube-state-metrics")
                .containers()
                .get(0)
                .get("args"))
        .isEqualTo(
            List.of(
                "--port=8080",
                "--resources=pods",
                "--namespaces=data,streaming,processing,orchestration,serving"));
  }

  @Test
  void aMonitoringModeOtherThanOperatorOrPlainFailsTheRender() {
    assertThatThrownBy(() -> renderer.render(Profile.MINIKUBE, Map.of("monitoring.mode", "both")))
        .hasMessageContaining("monitoring")
        .hasMessageContaining("mode");
  }

  private static Map<String, Object> exporterEnv(RenderedChart chart) {
    Map<String, Object> env = new java.util.TreeMap<>();
    for (Map<String, Object> variable :
        KubeObject.listOfMaps(
            chart
                .get("Deployment", "monitoring", "postgres-exporter")
                .containers()
                .get(0)
                .get("env"))) {
      env.put(
          (String) variable.get("name"),
          variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom"));
    }
    return env;
  }

  private static List<String> unmatchedServiceMonitors(RenderedChart chart) {
    List<String> unmatched = new ArrayList<>();
    for (KubeObject monitor : chart.ofKind("ServiceMonitor")) {
      Map<String, Object> selector =
          KubeObject.map(KubeObject.map(monitor.spec().get("selector")).get("matchLabels"));
      List<KubeObject> services =
          chart.ofKind("Service").stream()
              .filter(s -> s.namespace().equals(monitor.namespace()))
              .filter(
                  s ->
                      KubeObject.map(s.metadata().get("labels"))
                          .entrySet()
                          .containsAll(selector.entrySet()))
              .toList();
      for (Map<String, Object> endpoint : KubeObject.listOfMaps(monitor.spec().get("endpoints"))) {
        boolean declared =
            services.stream()
                .flatMap(s -> KubeObject.listOfMaps(s.spec().get("ports")).stream())
                .anyMatch(p -> endpoint.get("port").equals(p.get("name")));
        if (!declared) {
          unmatched.add(
              "%s: no Service with a port named %s".formatted(monitor.id(), endpoint.get("port")));
        }
      }
    }
    return unmatched;
  }

  private static List<KubeObject> dashboardConfigMaps(RenderedChart chart) {
    return chart.ofKind("ConfigMap").stream()
        .filter(
            c ->
                "1".equals(KubeObject.map(c.metadata().get("labels")).get("grafana_dashboard"))
                    || c.name().equals("grafana-dashboards"))
        .toList();
  }

  private static KubeObject planted(KubeObject original, Consumer<Map<String, Object>> change) {
    Map<String, Object> copy =
        JsonMapper.builder()
            .build()
            .convertValue(original.tree(), new TypeReference<Map<String, Object>>() {});
    change.accept(copy);
    return new KubeObject(copy);
  }

  private static Map<String, Object> yaml(String text) {
    return read(new ObjectMapper(new YAMLFactory()), text);
  }

  private static Map<String, Object> json(String text) {
    return read(JsonMapper.builder().build(), text);
  }

  private static Map<String, Object> read(ObjectMapper mapper, String text) {
    try {
      return mapper.readValue(text, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
