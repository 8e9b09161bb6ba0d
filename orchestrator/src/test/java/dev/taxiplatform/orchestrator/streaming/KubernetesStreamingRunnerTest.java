package dev.taxiplatform.orchestrator.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.orchestrator.executor.RunningTask;
import dev.taxiplatform.orchestrator.executor.TaskLaunch;
import dev.taxiplatform.orchestrator.executor.TestLaunches;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming tasks on Kubernetes against fabric8's mock API server (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class KubernetesStreamingRunnerTest {
  private static final String NAMESPACE = "taxi-platform";

  KubernetesClient client;
  @TempDir Path directory;
  private final List<Duration> drains = new ArrayList<>();

  private KubernetesStreamingRunner runner() {
    return new KubernetesStreamingRunner(client, NAMESPACE, (timeout, log) -> drains.add(timeout));
  }

  private void deploy(String name, int replicas) {
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .addToMatchLabels("app", name)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(name)
            .withImage("taxi-platform:latest")
            .withCommand("platform", name.equals("producer") ? "produce" : "sink")
            .addNewEnv()
            .withName("EVENTS_PER_SECOND")
            .withValue("10")
            .endEnv()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
  }

  private TaskLaunch launch(TaskSpec.Streaming.Action action, Optional<Integer> rate) {
    String task = action == TaskSpec.Streaming.Action.START ? "start_streaming" : "stop_streaming";
    return TestLaunches.attempt(directory, new TaskSpec.Streaming(action, rate), task, 1);
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  private static int finish(RunningTask task) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      Optional<Integer> exit = task.exitCode();
      if (exit.isPresent()) {
        return exit.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the task did not end");
  }

  @Test
  void startScalesTheProducerToOneAtTheTasksRateAndStartsAStoppedSink() throws Exception {
    deploy("producer", 0);
    deploy("sink", 0);
    TaskLaunch launch = launch(TaskSpec.Streaming.Action.START, Optional.of(500));

    int exit = finish(runner().start(launch));

    assertThat(exit).isZero();
    assertThat(deployment("producer").getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment("sink").getSpec().getReplicas()).isEqualTo(1);
    assertThat(
            deployment("producer")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .containsExactly(new EnvVar("EVENTS_PER_SECOND", "500", null));
    assertThat(Files.readString(launch.logFile()))
        .contains("scaled Deployment taxi-platform/producer to 1 replica(s)")
        .contains("producer rate set to 500 events/s");
    assertThat(drains).isEmpty();
  }

  @Test
  void startLeavesARunningSinksReplicasAlone() throws Exception {
    deploy("producer", 0);
    deploy("sink", 3);
    TaskLaunch launch = launch(TaskSpec.Streaming.Action.START, Optional.empty());

    assertThat(finish(runner().start(launch))).isZero();

    assertThat(deployment("sink").getSpec().getReplicas()).isEqualTo(3);
    assertThat(
            deployment("producer")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .as("the configured rate")
        .containsExactly(new EnvVar("EVENTS_PER_SECOND", "10", null));
  }

  @Test
  void stopScalesTheProducerToZeroThenWaitsForTheSinkToDrain() throws Exception {
    deploy("producer", 1);
    deploy("sink", 2);
    TaskLaunch launch = launch(TaskSpec.Streaming.Action.STOP, Optional.empty());

    assertThat(finish(runner().start(launch))).isZero();

    assertThat(deployment("producer").getSpec().getReplicas()).isZero();
    assertThat(deployment("sink").getSpec().getReplicas())
        .as("the sink keeps running")
        .isEqualTo(2);
    assertThat(drains).containsExactly(Duration.ofMinutes(45));
  }

  @Test
  void aMissingDeploymentFailsTheTaskNamingIt() throws Exception {
    deploy("sink", 1);
    TaskLaunch launch = launch(TaskSpec.Streaming.Action.START, Optional.empty());

    RunningTask task = runner().start(launch);

    assertThat(finish(task)).isNotZero();
    assertThat(task.failureDetail() + Files.readString(launch.logFile()))
        .contains("No Deployment taxi-platform/producer");
  }
}
