package dev.taxiplatform.orchestrator.streaming;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.orchestrator.executor.InProcessTask;
import dev.taxiplatform.orchestrator.executor.RunningTask;
import dev.taxiplatform.orchestrator.executor.TaskLaunch;
import dev.taxiplatform.orchestrator.executor.TaskRunner;
import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code streaming} tasks on Kubernetes: the producer and the sink are Deployments of the
 * platform's image. {@code start} scales the producer to one replica (setting its rate when the
 * task gives one) and makes sure the sink runs; {@code stop} scales the producer to zero, waits
 * until its pods are gone (each flushes on SIGTERM), then until the sink's consumer group has
 * committed every ride (the drain, given by the caller, asks the sink's Service to flush meanwhile:
 * {@link #sinkEndpoint}).
 */
public final class KubernetesStreamingRunner implements TaskRunner {
  /** The producer's Deployment. */
  public static final String PRODUCER_DEPLOYMENT = "producer";

  /** The sink's Deployment. */
  public static final String SINK_DEPLOYMENT = "sink";

  /** The producer's rate, as its container reads it. */
  static final String RATE_VARIABLE = "EVENTS_PER_SECOND";

  private static final Duration POLL = Duration.ofSeconds(2);

  /**
   * The sink's HTTP endpoint through its Service (named as its Deployment, in {@code namespace}, on
   * its metrics port): where the drain step asks it to flush ({@code POST /flush}).
   */
  public static String sinkEndpoint(String namespace, int metricsPort) {
    return "http://%s.%s.svc:%d".formatted(SINK_DEPLOYMENT, namespace, metricsPort);
  }

  private final KubernetesClient client;
  private final String namespace;
  private final SinkDrain drain;

  public KubernetesStreamingRunner(KubernetesClient client, String namespace, SinkDrain drain) {
    this.client = requireNonNull(client, "client");
    this.namespace = requireNonNull(namespace, "namespace");
    this.drain = requireNonNull(drain, "drain");
  }

  @Override
  public String name() {
    return "kubernetes-streaming";
  }

  @Override
  public RunningTask start(TaskLaunch launch) {
    TaskSpec.Streaming spec = (TaskSpec.Streaming) launch.task().spec();
    return InProcessTask.start(
        launch.attemptName(),
        launch.logFile(),
        log -> {
          if (spec.action() == TaskSpec.Streaming.Action.START) {
            spec.eventsPerSecond().ifPresent(rate -> setRate(rate, log));
            scale(PRODUCER_DEPLOYMENT, 1, log);
            if (replicas(SINK_DEPLOYMENT) == 0) {
              scale(SINK_DEPLOYMENT, 1, log);
            } else {
              log.line("%s runs %d replica(s)", SINK_DEPLOYMENT, replicas(SINK_DEPLOYMENT));
            }
          } else {
            scale(PRODUCER_DEPLOYMENT, 0, log);
            awaitNoReplicas(PRODUCER_DEPLOYMENT, launch.task().timeout(), log);
            drain.await(launch.task().timeout(), log);
          }
        });
  }

  private RollableScalableResource<Deployment> deployment(String name) {
    RollableScalableResource<Deployment> resource =
        client.apps().deployments().inNamespace(namespace).withName(name);
    if (resource.get() == null) {
      throw new IllegalStateException(
          "No Deployment %s/%s: deploy the platform's manifests first (the streaming tasks scale"
                  .formatted(namespace, name)
              + " the producer and sink Deployments)");
    }
    return resource;
  }

  private int replicas(String name) {
    Integer replicas = deployment(name).get().getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  private void scale(String name, int replicas, InProcessTask.Log log) {
    deployment(name).scale(replicas);
    log.line("scaled Deployment %s/%s to %d replica(s)", namespace, name, replicas);
  }

  private void setRate(int rate, InProcessTask.Log log) {
    deployment(PRODUCER_DEPLOYMENT)
        .edit(
            d -> {
              Container container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
              List<EnvVar> env =
                  new ArrayList<>(Optional.ofNullable(container.getEnv()).orElse(List.of()));
              env.removeIf(v -> v.getName().equals(RATE_VARIABLE));
              env.add(new EnvVar(RATE_VARIABLE, Integer.toString(rate), null));
              container.setEnv(env);
              return d;
            });
    log.line("producer rate set to %d events/s", rate);
  }

  private void awaitNoReplicas(String name, Duration timeout, InProcessTask.Log log)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Deployment deployment = deployment(name).get();
      Integer running =
          deployment.getStatus() == null ? null : deployment.getStatus().getReplicas();
      if (running == null || running == 0) {
        log.line("%s has no pod left", name);
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "%s still has %d pod(s) after %s".formatted(name, running, timeout));
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
