package dev.taxiplatform.orchestrator.executor;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.orchestrator.pipeline.TaskSpec;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes executor: each attempt of a {@code platform} or {@code command} task is a Job
 * running the platform's image. The Job does not retry by itself (the orchestrator does); when it
 * ends, its pod's log is copied to the attempt's log file and the Job is deleted. Its pod meets the
 * restricted Pod Security profile (non-root, read-only root filesystem with writable {@code /tmp}
 * and data directory, no capabilities, the runtime's default seccomp profile).
 */
public final class KubernetesJobRunner implements TaskRunner {
  /** ConfigMap and Secret every task container reads its environment from. */
  public static final String CONFIG_MAP = "taxi-platform-config";

  public static final String SECRET = "taxi-platform-secrets";

  /** ConfigMap holding Spark's executor pod template (the chart's, with Spark on Kubernetes). */
  public static final String SPARK_EXECUTOR_TEMPLATE = "taxi-platform-spark-executor-template";

  /**
   * Where a batch Job mounts it (the chart's {@code spark.kubernetes.executor.podTemplateFile}).
   */
  public static final String SPARK_EXECUTOR_TEMPLATE_DIR = "/etc/taxi-platform/spark";

  /** Where the task's data directory is mounted (the chart's {@code PLATFORM_DATA_DIR}). */
  public static final String DATA_DIR = "/var/lib/taxi-platform";

  private final KubernetesClient client;
  private final String namespace;
  private final String image;
  private final Optional<String> serviceAccount;

  public KubernetesJobRunner(KubernetesClient client, String namespace, String image) {
    this(client, namespace, image, Optional.empty());
  }

  /**
   * @param serviceAccount the Jobs' ServiceAccount (empty: the namespace's default)
   */
  public KubernetesJobRunner(
      KubernetesClient client, String namespace, String image, Optional<String> serviceAccount) {
    this.client = requireNonNull(client, "client");
    this.namespace = requireNonNull(namespace, "namespace");
    this.image = requireNonNull(image, "image");
    this.serviceAccount = requireNonNull(serviceAccount, "serviceAccount");
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public RunningTask start(TaskLaunch launch) {
    Job job = job(launch);
    client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
    appendLog(
        launch,
        "[%s] created Job %s/%s (image %s)%n"
            .formatted(Instant.now(), namespace, jobName(launch), image));
    return new JobTask(launch);
  }

  /** The Job running one attempt. */
  Job job(TaskLaunch launch) {
    Map<String, String> labels = labels(launch);
    boolean batch =
        launch.task().spec() instanceof TaskSpec.Platform p && p.command().equals("batch");
    return new JobBuilder()
        .withNewMetadata()
        .withName(jobName(launch))
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(launch.task().timeout().toSeconds())
        .withTtlSecondsAfterFinished(3600)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(serviceAccount.orElse(null))
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withVolumes(volumes(batch))
        .addNewContainer()
        .withName("task")
        .withImage(image)
        .withCommand(command(launch.task().spec()))
        .withEnvFrom(
            new EnvFromSourceBuilder()
                .withNewConfigMapRef()
                .withName(CONFIG_MAP)
                .endConfigMapRef()
                .build(),
            new EnvFromSourceBuilder().withNewSecretRef().withName(SECRET).endSecretRef().build())
        .withResources(
            new ResourceRequirementsBuilder()
                .withRequests(
                    Map.of(
                        "cpu",
                        new Quantity(batch ? "2" : "500m"),
                        "memory",
                        new Quantity(batch ? "4Gi" : "1Gi")))
                .withLimits(Map.of("memory", new Quantity(batch ? "6Gi" : "3Gi")))
                .build())
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withVolumeMounts(volumeMounts(batch))
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  // A batch Job may be Spark's driver on Kubernetes: it reads the executor pod template from the
  // chart's ConfigMap (optional: absent when Spark runs inside the Job).
  private static List<Volume> volumes(boolean batch) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build());
    if (batch) {
      volumes.add(
          new VolumeBuilder()
              .withName("spark-executor-template")
              .withNewConfigMap()
              .withName(SPARK_EXECUTOR_TEMPLATE)
              .withOptional(true)
              .endConfigMap()
              .build());
    }
    return volumes;
  }

  private static List<VolumeMount> volumeMounts(boolean batch) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    mounts.add(new VolumeMountBuilder().withName("data").withMountPath(DATA_DIR).build());
    if (batch) {
      mounts.add(
          new VolumeMountBuilder()
              .withName("spark-executor-template")
              .withMountPath(SPARK_EXECUTOR_TEMPLATE_DIR)
              .withReadOnly(true)
              .build());
    }
    return mounts;
  }

  static List<String> command(TaskSpec spec) {
    if (spec instanceof TaskSpec.Platform platform) {
      List<String> command = new ArrayList<>();
      command.add("platform");
      command.add(platform.command());
      command.addAll(platform.args());
      return command;
    }
    if (spec instanceof TaskSpec.Command command) {
      return command.argv();
    }
    throw new IllegalArgumentException(
        "The Kubernetes executor does not run " + spec.type() + " tasks");
  }

  static Map<String, String> labels(TaskLaunch launch) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "taxi-platform");
    labels.put("app.kubernetes.io/component", "task");
    labels.put("taxi-platform/pipeline", launch.pipeline().name());
    labels.put("taxi-platform/run-id", Long.toString(launch.run().id()));
    labels.put("taxi-platform/task", launch.task().id());
    labels.put("taxi-platform/attempt", Integer.toString(launch.attempt()));
    // What the task runs (batch, load, transform, ... or command): network policies select on it.
    labels.put(
        "taxi-platform/command",
        launch.task().spec() instanceof TaskSpec.Platform p ? p.command() : "command");
    return labels;
  }

  /** A valid, unique Job name (DNS label, at most 63 characters). */
  static String jobName(TaskLaunch launch) {
    String name =
        ("tp-" + launch.attemptName())
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]", "-")
            .replaceAll("-+", "-");
    if (name.length() > 63) {
      String suffix = "-" + Integer.toHexString(launch.attemptName().hashCode());
      name = name.substring(0, 63 - suffix.length()) + suffix;
    }
    return name.replaceAll("-$", "");
  }

  private static void appendLog(TaskLaunch launch, String text) {
    try {
      Files.createDirectories(launch.logFile().getParent());
      Files.writeString(
          launch.logFile(),
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An attempt running as a Job. */
  private final class JobTask implements RunningTask {
    private final TaskLaunch launch;
    private final String name;
    private volatile Integer exitCode;
    private volatile String detail = "";

    JobTask(TaskLaunch launch) {
      this.launch = launch;
      this.name = jobName(launch);
    }

    @Override
    public synchronized Optional<Integer> exitCode() {
      if (exitCode != null) {
        return Optional.of(exitCode);
      }
      Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
      if (job == null) {
        detail = "Job %s disappeared".formatted(name);
        exitCode = 1;
        return Optional.of(exitCode);
      }
      JobStatus status = job.getStatus();
      boolean succeeded =
          status != null && status.getSucceeded() != null && status.getSucceeded() > 0;
      boolean failed = status != null && status.getFailed() != null && status.getFailed() > 0;
      if (!succeeded && !failed) {
        return Optional.empty();
      }
      copyPodLog();
      exitCode = succeeded ? 0 : podExitCode().orElse(1);
      if (failed) {
        detail = "Job %s failed".formatted(name);
      }
      delete();
      return Optional.of(exitCode);
    }

    @Override
    public long processId() {
      return 0;
    }

    @Override
    public void kill() {
      copyPodLog();
      delete();
      exitCode = exitCode == null ? 137 : exitCode;
    }

    @Override
    public String failureDetail() {
      return detail;
    }

    private Optional<Pod> pod() {
      return client
          .pods()
          .inNamespace(namespace)
          .withLabel("job-name", name)
          .list()
          .getItems()
          .stream()
          .findFirst();
    }

    private Optional<Integer> podExitCode() {
      return pod()
          .flatMap(
              pod ->
                  Optional.ofNullable(pod.getStatus())
                      .flatMap(s -> s.getContainerStatuses().stream().findFirst())
                      .flatMap(c -> Optional.ofNullable(c.getState()))
                      .flatMap(state -> Optional.ofNullable(state.getTerminated()))
                      .map(terminated -> terminated.getExitCode()));
    }

    private void copyPodLog() {
      Optional<Pod> pod = pod();
      if (pod.isEmpty()) {
        appendLog(launch, "[%s] no pod found for Job %s%n".formatted(Instant.now(), name));
        return;
      }
      try {
        String log =
            client
                .pods()
                .inNamespace(namespace)
                .withName(pod.get().getMetadata().getName())
                .getLog();
        appendLog(launch, log == null ? "" : log);
      } catch (KubernetesClientException e) {
        appendLog(
            launch,
            "[%s] cannot fetch the log of pod %s: %s%n"
                .formatted(Instant.now(), pod.get().getMetadata().getName(), e.getMessage()));
      }
    }

    private void delete() {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(namespace)
          .withName(name)
          .withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
    }
  }
}
