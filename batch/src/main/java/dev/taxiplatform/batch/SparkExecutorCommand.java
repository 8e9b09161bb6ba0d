package dev.taxiplatform.batch;

import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.ForegroundProcess;
import dev.taxiplatform.core.component.PlatformHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code platform spark-executor}: one Spark executor, as Spark on Kubernetes starts it in an
 * executor pod of the platform image (the image's entry point maps Spark's {@code executor}
 * argument here). The executor is its own JVM on the batch component's classpath, with the heap and
 * Java options Spark asked for.
 */
@Command(
    name = "spark-executor",
    mixinStandardHelpOptions = true,
    description = {
      "Run one Spark executor for a batch driver on Kubernetes (batch.executor spark-kubernetes in"
          + " the Helm chart). Spark starts it in executor pods, with the argument executor and"
          + " the environment SPARK_DRIVER_URL, SPARK_EXECUTOR_ID, SPARK_EXECUTOR_CORES,"
          + " SPARK_EXECUTOR_MEMORY, SPARK_APPLICATION_ID (required), SPARK_EXECUTOR_POD_IP,"
          + " SPARK_EXECUTOR_POD_NAME, SPARK_RESOURCE_PROFILE_ID and SPARK_JAVA_OPT_<n>.",
      "Exit codes: the executor's own (0 when the driver stopped it), 2 a required variable is"
          + " missing."
    })
public final class SparkExecutorCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(SparkExecutorCommand.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  @Override
  public Integer call() {
    SparkExecutorLaunch launch = SparkExecutorLaunch.from(System.getenv());
    Path home = PlatformHome.locate();
    ComponentDescriptor batch =
        ComponentCatalog.discover(home)
            .named("batch")
            .orElseThrow(
                () -> PlatformException.usage("The batch component is not installed in " + home));
    ProcessBuilder builder =
        new ComponentLauncher(home)
            .processBuilder(backendOf(batch), launch.jvmOptions(), launch.backendArguments())
            .inheritIO();
    log.info(
        "Starting Spark executor backend {} with {}",
        SparkExecutorLaunch.BACKEND,
        String.join(" ", launch.backendArguments()));
    // Kubernetes stops the pod with SIGTERM to this process: passed on to the executor.
    return ForegroundProcess.run(builder, "spark-executor", STOP_WAIT);
  }

  private static ComponentDescriptor backendOf(ComponentDescriptor batch) {
    return new ComponentDescriptor(
        batch.name(),
        SparkExecutorLaunch.BACKEND,
        batch.classpath(),
        batch.jvmOptions(),
        List.of(),
        List.of(),
        List.of(),
        Map.of());
  }
}
