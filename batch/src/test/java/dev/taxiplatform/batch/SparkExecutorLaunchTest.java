package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkExecutorLaunchTest {
  private static Map<String, String> executorPod() {
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_DRIVER_URL", "spark://CoarseGrainedScheduler@10.0.0.5:7078");
    env.put("SPARK_EXECUTOR_ID", "3");
    env.put("SPARK_EXECUTOR_CORES", "2");
    env.put("SPARK_EXECUTOR_MEMORY", "2g");
    env.put("SPARK_APPLICATION_ID", "spark-application-1");
    env.put("SPARK_EXECUTOR_POD_IP", "10.0.0.9");
    env.put("SPARK_EXECUTOR_POD_NAME", "batch-exec-3");
    env.put("SPARK_RESOURCE_PROFILE_ID", "0");
    env.put("SPARK_JAVA_OPT_10", "-Dlast=10");
    env.put("SPARK_JAVA_OPT_2", "-Dsecond=2");
    env.put("SPARK_JAVA_OPT_0", "-Dfirst=0");
    env.put("SPARK_JAVA_OPT_X", "-Dnot=an-index");
    env.put("PATH", "/usr/bin");
    return env;
  }

  @Test
  void mapsSparksExecutorEnvironmentToTheBackendsArguments() {
    SparkExecutorLaunch launch = SparkExecutorLaunch.from(executorPod());

    assertThat(launch.backendArguments())
        .containsExactly(
            "--driver-url", "spark://CoarseGrainedScheduler@10.0.0.5:7078",
            "--executor-id", "3",
            "--cores", "2",
            "--app-id", "spark-application-1",
            "--hostname", "10.0.0.9",
            "--resourceProfileId", "0",
            "--podName", "batch-exec-3");
  }

  @Test
  void javaOptionsInSparksNumericOrderThenTheExecutorsHeap() {
    SparkExecutorLaunch launch = SparkExecutorLaunch.from(executorPod());

    assertThat(launch.jvmOptions())
        .containsExactly("-Dfirst=0", "-Dsecond=2", "-Dlast=10", "-Xms2g", "-Xmx2g");
  }

  @Test
  void optionalVariablesAbsentLeaveTheirArgumentsOut() {
    Map<String, String> env = executorPod();
    env.remove("SPARK_EXECUTOR_POD_IP");
    env.remove("SPARK_EXECUTOR_POD_NAME");
    env.remove("SPARK_RESOURCE_PROFILE_ID");

    assertThat(SparkExecutorLaunch.from(env).backendArguments())
        .isEqualTo(
            List.of(
                "--driver-url",
                "spark://CoarseGrainedScheduler@10.0.0.5:7078",
                "--executor-id",
                "3",
                "--cores",
                "2",
                "--app-id",
                "spark-application-1"));
  }

  @Test
  void aMissingDriverUrlIsAUsageErrorNamingTheVariable() {
    Map<String, String> env = executorPod();
    env.remove("SPARK_DRIVER_URL");

    assertThatThrownBy(() -> SparkExecutorLaunch.from(env))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("SPARK_DRIVER_URL is not set")
        .satisfies(e -> assertThat(((PlatformException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
  }
}
