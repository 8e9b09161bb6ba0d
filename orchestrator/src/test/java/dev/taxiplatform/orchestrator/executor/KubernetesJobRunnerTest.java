package dev.taxiplatform.orchestrator.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes executor against fabric8's mock API server (CRUD mode): no live cluster. */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobRunnerTest {
  private static final String NAMESPACE = "taxi-platform";

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path directory;

  private TaskLaunch launch(TaskSpec spec, String taskId) {
    return TestLaunches.attempt(directory, spec, taskId, 2);
  }

  private Job job(String name) {
    return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
  }

  private void finishJob(String name, boolean succeeded, int exitCode, String log) {
    Job job = job(name);
    job.setStatus(
        new JobStatusBuilder()
            .withSucceeded(succeeded ? 1 : 0)
            .withFailed(succeeded ? 0 : 1)
            .build());
    client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name + "-abcde")
            .withNamespace(NAMESPACE)
            .addToLabels("job-name", name)
            .endMetadata()
            .withNewStatus()
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("task")
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(exitCode)
                    .endTerminated()
                    .endState()
                    .build())
            .endStatus()
            .build();
    client.pods().inNamespace(NAMESPACE).resource(pod).create();
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/%s/pods/%s/log?pretty=false".formatted(NAMESPACE, name + "-abcde"))
        .andReturn(200, log)
        .always();
  }

  @Test
  void theJobSpecCarriesImageCommandEnvironmentResourcesAndLabels() throws Exception {
    KubernetesJobRunner runner =
        new KubernetesJobRunner(client, NAMESPACE, "registry.example/taxi-platform:1.2.3");
    TaskLaunch launch =
        launch(new TaskSpec.Platform("batch", List.of("--full-refresh")), "spark_processing");

    runner.start(launch);

    String name = KubernetesJobRunner.jobName(launch);
    assertThat(name).isEqualTo("tp-platform-pipeline-42-spark-processing-2");
    Job job = job(name);
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "taxi-platform")
        .containsEntry("taxi-platform/pipeline", "platform_pipeline")
        .containsEntry("taxi-platform/run-id", "42")
        .containsEntry("taxi-platform/task", "spark_processing")
        .containsEntry("taxi-platform/attempt", "2");
    assertThat(job.getSpec().getBackoffLimit()).as("retries belong to the orchestrator").isZero();
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(45 * 60L);
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("taxi-platform/task", "spark_processing");
    Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example/taxi-platform:1.2.3");
    assertThat(container.getCommand()).containsExactly("platform", "batch", "--full-refresh");
    assertThat(container.getEnvFrom()).hasSize(2);
    assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName())
        .isEqualTo("taxi-platform-config");
    assertThat(container.getEnvFrom().get(1).getSecretRef().getName())
        .isEqualTo("taxi-platform-secrets");
    assertThat(container.getResources().getRequests())
        .containsEntry("cpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("4Gi"));
    assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("6Gi"));
  }

  @Test
  void onlyBatchJobsMountSparksExecutorPodTemplateOptionally() {
    KubernetesJobRunner runner =
        new KubernetesJobRunner(client, NAMESPACE, "registry.example/taxi-platform:1.2.3");
    TaskLaunch batch = launch(new TaskSpec.Platform("batch", List.of()), "spark_processing");
    TaskLaunch load = launch(new TaskSpec.Platform("load", List.of()), "load_to_warehouse");

    PodSpec batchPod = runner.job(batch).getSpec().getTemplate().getSpec();
    PodSpec loadPod = runner.job(load).getSpec().getTemplate().getSpec();

    assertThat(batchPod.getVolumes())
        .extracting(Volume::getName)
        .containsExactly("tmp", "data", "spark-executor-template");
    ConfigMapVolumeSource template = batchPod.getVolumes().get(2).getConfigMap();
    assertThat(template.getName()).isEqualTo("taxi-platform-spark-executor-template");
    assertThat(template.getOptional()).as("absent when Spark runs inside the Job").isTrue();
    assertThat(batchPod.getContainers().get(0).getVolumeMounts())
        .extracting(VolumeMount::getName, VolumeMount::getMountPath, VolumeMount::getReadOnly)
        .containsExactly(
            tuple("tmp", "/tmp", null),
            tuple("data", "/var/lib/taxi-platform", null),
            tuple("spark-executor-template", "/etc/taxi-platform/spark", true));
    assertThat(loadPod.getVolumes()).extracting(Volume::getName).containsExactly("tmp", "data");
    assertThat(loadPod.getContainers().get(0).getVolumeMounts())
        .extracting(VolumeMount::getName)
        .containsExactly("tmp", "data");
  }

  @Test
  void aSucceededJobReportsExitCode0CopiesItsLogAndIsDeleted() throws Exception {
    KubernetesJobRunner runner = new KubernetesJobRunner(client, NAMESPACE, "taxi-platform:latest");
    TaskLaunch launch = launch(new TaskSpec.Command(List.of("echo", "hi")), "notify");

    RunningTask task = runner.start(launch);
    String name = KubernetesJobRunner.jobName(launch);
    assertThat(task.exitCode()).as("still running").isEmpty();
    assertThat(job(name).getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
        .containsExactly("echo", "hi");
    finishJob(name, true, 0, "hi\n");

    assertThat(task.exitCode()).contains(0);
    assertThat(Files.readString(launch.logFile()))
        .contains("created Job taxi-platform/" + name)
        .endsWith("hi\n");
    assertThat(job(name)).as("cleaned up").isNull();
  }

  @Test
  void aFailedJobReportsItsContainersExitCode() throws Exception {
    KubernetesJobRunner runner = new KubernetesJobRunner(client, NAMESPACE, "taxi-platform:latest");
    TaskLaunch launch = launch(new TaskSpec.Platform("load", List.of()), "load_staging");

    RunningTask task = runner.start(launch);
    String name = KubernetesJobRunner.jobName(launch);
    finishJob(name, false, 3, "error: PostgreSQL unreachable\n");

    assertThat(task.exitCode()).contains(3);
    assertThat(task.failureDetail()).isEqualTo("Job " + name + " failed");
    assertThat(Files.readString(launch.logFile())).contains("error: PostgreSQL unreachable");
    assertThat(job(name)).isNull();
  }

  @Test
  void longNamesAreShortenedToAValidUniqueDnsLabel() {
    TaskLaunch launch =
        launch(
            new TaskSpec.Command(List.of("true")),
            "a_very_long_task_name_that_goes_on_and_on_and_on_forever");

    String name = KubernetesJobRunner.jobName(launch);

    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }
}
