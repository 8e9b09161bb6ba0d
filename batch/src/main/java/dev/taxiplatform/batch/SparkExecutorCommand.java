package dev.taxiplatform.batch;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
  private static final long STOP_WAIT_SECONDS = 30;

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
    Process executor;
    try {
      executor = builder.start();
    } catch (IOException e) {
      throw PlatformException.failed("Cannot start the Spark executor: " + e.getMessage(), e);
    }
    // Kubernetes stops the pod with SIGTERM to this process: pass it on and wait for the executor.
    Thread forwardStop = new Thread(() -> stop(executor), "stop-spark-executor");
    Runtime.getRuntime().addShutdownHook(forwardStop);
    try {
      int exitCode = executor.waitFor();
      Runtime.getRuntime().removeShutdownHook(forwardStop);
      return exitCode;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILED;
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook waits for the executor.
      return ExitCodes.FAILED;
    }
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

  private static void stop(Process executor) {
    executor.destroy();
    try {
      executor.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
