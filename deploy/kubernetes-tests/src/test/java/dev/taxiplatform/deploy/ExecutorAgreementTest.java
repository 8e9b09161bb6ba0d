package dev.taxiplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.orchestrator.executor.KubernetesJobRunner;
import dev.taxiplatform.orchestrator.executor.RunningTask;
import dev.taxiplatform.orchestrator.executor.TaskLaunch;
import dev.taxiplatform.orchestrator.executor.TestLaunches;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import dev.taxiplatform.orchestrator.streaming.KubernetesStreamingRunner;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator's Kubernetes executor, configured from the chart's rendered orchestrator
 * Deployment, against fabric8's mock API server: its Jobs match the chart, and the chart's Role
 * grants exactly the calls it makes.
 */
@EnableKubernetesMockClient(crud = true)
class ExecutorAgreementTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path directory;

  private final RenderedChart chart = ChartRenderer.ofProject().render(Profile.MINIKUBE);
  private final Map<String, String> orchestratorEnv =
      env(chart.get("Deployment", "orchestration", "orchestrator"));
  private final String namespace = orchestratorEnv.get("ORCHESTRATOR_KUBERNETES_NAMESPACE");

  @Test
  void theExecutorsJobsMatchTheChart() {
    KubernetesJobRunner runner = runner();

    runner.start(launch(new TaskSpec.Platform("batch", List.of()), "spark_processing"));

    Job job = client.batch().v1().jobs().inNamespace(namespace).list().getItems().get(0);
    var pod = job.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(namespace).isEqualTo("processing");
    assertThat(container.getImage())
        .isEqualTo(chart.get("Deployment", "processing", "sink").containers().get(0).get("image"));
    assertThat(pod.getServiceAccountName()).isEqualTo("taxi-platform-task");
    assertThat(chart.find("ServiceAccount", namespace, pod.getServiceAccountName())).isPresent();
    assertThat(container.getEnvFrom())
        .allSatisfy(
            source -> {
              if (source.getConfigMapRef() != null) {
                assertThat(chart.find("ConfigMap", namespace, source.getConfigMapRef().getName()))
                    .isPresent();
              } else {
                assertThat(chart.find("Secret", namespace, source.getSecretRef().getName()))
                    .isPresent();
              }
            })
        .hasSize(2);
    Map<String, Object> config =
        KubeObject.map(
            chart.get("ConfigMap", namespace, "taxi-platform-config").tree().get("data"));
    assertThat(config).containsEntry("PLATFORM_DATA_DIR", KubernetesJobRunner.DATA_DIR);
    assertThat(container.getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .contains(KubernetesJobRunner.DATA_DIR, "/tmp");

    for (String command : List.of("batch", "load", "transform")) {
      runner.start(launch(new TaskSpec.Platform(command, List.of()), "task_" + command));
      Quantity limit =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(namespace)
              .withName("tp-platform-pipeline-42-task-" + command + "-1")
              .get()
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getResources()
              .getLimits()
              .get("memory");
      long heap = ComponentHeaps.ofProject().heap(command).orElseThrow();
      assertThat(Quantity.getAmountInBytes(limit).longValue())
          .as(
              "the %s Job's memory limit %s leaves room above its %d MiB heap",
              command, limit, heap >> 20)
          .isGreaterThanOrEqualTo(heap + (256L << 20));
    }
    KubeObject asRendered =
        new KubeObject(ChartRenderer.parse(new KubernetesSerialization().asYaml(job)).get(0));
    assertThat(new WorkloadPolicies().violations(asRendered))
        .as("the Job meets the chart's policies")
        .isEmpty();
    Map<String, Object> batchSelector =
        KubeObject.map(
            KubeObject.map(chart.get("NetworkPolicy", namespace, "batch").spec().get("podSelector"))
                .get("matchLabels"));
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(stringMap(batchSelector));
  }

  @Test
  void theChartsRoleGrantsExactlyTheCallsTheExecutorMakes() throws Exception {
    for (String name : List.of("producer", "sink")) {
      Deployment deployment =
          new KubernetesSerialization()
              .unmarshal(
                  ChartRenderer.toJson(chart.get("Deployment", namespace, name).tree()),
                  Deployment.class);
      client.apps().deployments().inNamespace(namespace).resource(deployment).create();
    }
    Set<ApiCall> calls = new HashSet<>();

    KubernetesJobRunner jobs = runner();
    drainRequests();
    RunningTask batch =
        jobs.start(launch(new TaskSpec.Platform("batch", List.of()), "spark_processing"));
    batch.exitCode();
    calls.addAll(drainRequests());
    finish("tp-platform-pipeline-42-spark-processing-1");
    drainRequests();
    assertThat(batch.exitCode()).contains(0);
    RunningTask load = jobs.start(launch(new TaskSpec.Platform("load", List.of()), "load_staging"));
    load.kill();
    calls.addAll(drainRequests());

    KubernetesStreamingRunner streaming =
        new KubernetesStreamingRunner(client, namespace, (timeout, log) -> {});
    await(
        streaming.start(
            launch(
                new TaskSpec.Streaming(TaskSpec.Streaming.Action.START, Optional.of(50)),
                "start_streaming")));
    await(
        streaming.start(
            launch(
                new TaskSpec.Streaming(TaskSpec.Streaming.Action.STOP, Optional.empty()),
                "stop_streaming")));
    calls.addAll(drainRequests());

    assertThat(calls).extracting(ApiCall::namespace).containsOnly(namespace);
    Set<String> used =
        calls.stream()
            .map(c -> c.group() + "|" + c.resource() + "|" + c.verb())
            .collect(Collectors.toSet());
    KubeObject role = chart.get("Role", namespace, "taxi-platform-orchestrator");
    Set<String> granted = new HashSet<>();
    for (Map<String, Object> rule : KubeObject.listOfMaps(role.tree().get("rules"))) {
      for (Object group : (List<?>) rule.get("apiGroups")) {
        for (Object resource : (List<?>) rule.get("resources")) {
          for (Object verb : (List<?>) rule.get("verbs")) {
            granted.add(group + "|" + resource + "|" + verb);
          }
        }
      }
    }
    assertThat(granted).as("the Role grants every call the executor made").containsAll(used);
    // Which calls one run makes depends on timing (a Job killed before its pod is listed); the
    // Role grants these and nothing more.
    assertThat(granted)
        .containsExactlyInAnyOrder(
            "batch|jobs|create",
            "batch|jobs|get",
            "batch|jobs|delete",
            "|pods|list",
            "|pods|watch",
            "|pods/log|get",
            "apps|deployments|get",
            "apps|deployments|patch",
            "apps|deployments/scale|get",
            "apps|deployments/scale|update");
    assertThat(used).contains("batch|jobs|create", "batch|jobs|get", "batch|jobs|delete");
    KubeObject binding = chart.get("RoleBinding", namespace, "taxi-platform-orchestrator");
    assertThat(KubeObject.listOfMaps(binding.tree().get("subjects")).get(0))
        .containsEntry("name", "taxi-platform-orchestrator")
        .containsEntry("namespace", "orchestration");
    assertThat(chart.get("Deployment", "orchestration", "orchestrator").podSpec().orElseThrow())
        .containsEntry("serviceAccountName", "taxi-platform-orchestrator");
  }

  private KubernetesJobRunner runner() {
    return new KubernetesJobRunner(
        client,
        namespace,
        orchestratorEnv.get("ORCHESTRATOR_KUBERNETES_IMAGE"),
        Optional.of(orchestratorEnv.get("ORCHESTRATOR_KUBERNETES_SERVICE_ACCOUNT")));
  }

  private void finish(String jobName) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
    job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
    client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
    client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(jobName + "-x")
                .withNamespace(namespace)
                .addToLabels("job-name", jobName)
                .endMetadata()
                .build())
        .create();
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/%s/pods/%s/log?pretty=false".formatted(namespace, jobName + "-x"))
        .andReturn(200, "done")
        .always();
  }

  private Set<ApiCall> drainRequests() throws InterruptedException {
    Set<ApiCall> calls = new HashSet<>();
    var request = server.takeRequest(200, TimeUnit.MILLISECONDS);
    while (request != null) {
      calls.add(ApiCall.of(request.getMethod(), request.getPath()));
      request = server.takeRequest(200, TimeUnit.MILLISECONDS);
    }
    return calls;
  }

  private static void await(RunningTask task) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (task.exitCode().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(task.exitCode()).as(task.failureDetail()).contains(0);
  }

  private TaskLaunch launch(TaskSpec spec, String taskId) {
    return TestLaunches.attempt(directory, spec, taskId, 1);
  }

  private static Map<String, String> env(KubeObject deployment) {
    return KubeObject.listOfMaps(deployment.containers().get(0).get("env")).stream()
        .collect(Collectors.toMap(e -> (String) e.get("name"), e -> (String) e.get("value")));
  }

  private static Map<String, String> stringMap(Map<String, Object> map) {
    return map.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
  }
}
