package dev.taxiplatform.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLoaderTest {
  @TempDir Path directory;
  private final PipelineLoader loader =
      new PipelineLoader(Set.of("batch", "load", "transform", "produce"));

  private Path write(String name, String yaml) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void readsEveryTaskTypeAndSetting() throws IOException {
    Path file =
        write(
            "demo.yaml",
            """
            pipeline: demo
            description: A demo
            schedule: "*/5 * * * *"
            max_active_runs: 2
            defaults:
              retries: 2
              retry_delay: 10s
              max_retry_delay: 1m
              timeout: 30m
            tasks:
              start: {streaming: start, rate: 200}
              accumulate: {wait: 60s, depends_on: start}
              enough: {wait: {duration: 10m, new_raw_objects: 5}, depends_on: start}
              stop: {streaming: stop, depends_on: [accumulate, enough]}
              transform: {platform: transform run --project-dir dbt, depends_on: stop, retries: 0, trigger_rule: all_done}
              notify: {command: [echo, "all done"], depends_on: transform, timeout: 5s}
            """);

    PipelineDefinition pipeline = loader.load(file);

    assertThat(pipeline.name()).isEqualTo("demo");
    assertThat(pipeline.description()).isEqualTo("A demo");
    assertThat(pipeline.scheduleExpression()).isEqualTo("*/5 * * * *");
    assertThat(pipeline.schedule()).isPresent();
    assertThat(pipeline.catchup()).isFalse();
    assertThat(pipeline.maxActiveRuns()).isEqualTo(2);
    assertThat(pipeline.tasks())
        .extracting(TaskDefinition::id)
        .containsExactly("start", "accumulate", "enough", "stop", "transform", "notify");
    assertThat(pipeline.task("start").spec())
        .isEqualTo(new TaskSpec.Streaming(TaskSpec.Streaming.Action.START, Optional.of(200)));
    assertThat(pipeline.task("accumulate").spec())
        .isEqualTo(new TaskSpec.Wait(Duration.ofSeconds(60), Optional.empty()));
    assertThat(pipeline.task("enough").spec())
        .isEqualTo(new TaskSpec.Wait(Duration.ofMinutes(10), Optional.of(5)));
    assertThat(pipeline.task("transform").spec())
        .isEqualTo(new TaskSpec.Platform("transform", List.of("run", "--project-dir", "dbt")));
    assertThat(pipeline.task("notify").spec())
        .isEqualTo(new TaskSpec.Command(List.of("echo", "all done")));
    TaskDefinition transform = pipeline.task("transform");
    assertThat(transform.retries()).isZero();
    assertThat(transform.retryDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(transform.timeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(transform.triggerRule()).isEqualTo(TriggerRule.ALL_DONE);
    assertThat(pipeline.task("notify").timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(pipeline.task("stop").dependsOn()).containsExactly("accumulate", "enough");
    assertThat(pipeline.graph().downstreamOf("start"))
        .containsExactlyInAnyOrder("accumulate", "enough");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    TaskDefinition task =
        new TaskDefinition(
            "t",
            new TaskSpec.Command(List.of("true")),
            List.of(),
            5,
            Duration.ofSeconds(10),
            Duration.ofSeconds(35),
            Duration.ofHours(1),
            TriggerRule.ALL_SUCCESS);

    assertThat(task.delayBeforeRetry(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(task.delayBeforeRetry(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(task.delayBeforeRetry(3)).isEqualTo(Duration.ofSeconds(35));
    assertThat(task.delayBeforeRetry(5)).isEqualTo(Duration.ofSeconds(35));
    assertThat(task.maxAttempts()).isEqualTo(6);
  }

  @Test
  void aCycleIsAnErrorAtLoadTime() throws IOException {
    Path file =
        write(
            "cycle.yaml",
            """
            pipeline: cycle
            tasks:
              a: {command: "true", depends_on: c}
              b: {command: "true", depends_on: a}
              c: {command: "true", depends_on: b}
            """);

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(PipelineException.class)
        .hasMessage(file + ": the tasks form a cycle: a → c → b → a");
  }

  @Test
  void aMissingDependencyNamesTaskAndDependency() throws IOException {
    Path file =
        write("missing.yaml", "pipeline: m\ntasks:\n  a: {command: \"true\", depends_on: [b]}\n");

    assertThatThrownBy(() -> loader.load(file))
        .hasMessage(
            file + ": task \"a\": depends_on names \"b\", which is not a task of this pipeline");
  }

  @Test
  void unknownTypesKeysAndCommandsAreErrorsNamingFileTaskAndKey() throws IOException {
    Path noType = write("a.yaml", "pipeline: a\ntasks:\n  t: {depends_on: []}\n");
    assertThatThrownBy(() -> loader.load(noType))
        .hasMessage(
            noType
                + ": task \"t\": has no type; give exactly one of platform, command, streaming, wait");

    Path twoTypes = write("b.yaml", "pipeline: b\ntasks:\n  t: {command: x, wait: 1s}\n");
    assertThatThrownBy(() -> loader.load(twoTypes))
        .hasMessageContaining("task \"t\": has several types (command, wait)");

    Path typo = write("c.yaml", "pipeline: c\ntasks:\n  t: {command: x, depend_on: [u]}\n");
    assertThatThrownBy(() -> loader.load(typo))
        .hasMessageStartingWith(
            typo + ": task \"t\": depend_on is not a known key (did you mean \"depends_on\"?)");

    Path unknownCommand = write("d.yaml", "pipeline: d\ntasks:\n  t: {platform: spark}\n");
    assertThatThrownBy(() -> loader.load(unknownCommand))
        .hasMessage(
            unknownCommand
                + ": task \"t\": platform unknown platform command \"spark\"; the built components offer: batch, load, produce, transform");

    Path badRule =
        write("e.yaml", "pipeline: e\ntasks:\n  t: {command: x, trigger_rule: sometimes}\n");
    assertThatThrownBy(() -> loader.load(badRule))
        .hasMessageContaining(
            "task \"t\": trigger_rule is \"sometimes\"; expected one of all_success, all_failed");

    Path badDuration =
        write("f.yaml", "pipeline: f\ndefaults: {timeout: soon}\ntasks:\n  t: {command: x}\n");
    assertThatThrownBy(() -> loader.load(badDuration))
        .hasMessageStartingWith(
            badDuration + ": defaults.timeout is \"soon\"; expected a positive duration");

    Path badCron =
        write("g.yaml", "pipeline: g\nschedule: every five minutes\ntasks:\n  t: {command: x}\n");
    assertThatThrownBy(() -> loader.load(badCron))
        .hasMessageContaining("schedule \"every five minutes\" is not a cron expression");

    Path badStreaming = write("h.yaml", "pipeline: h\ntasks:\n  t: {streaming: pause}\n");
    assertThatThrownBy(() -> loader.load(badStreaming))
        .hasMessageContaining("task \"t\": streaming is \"pause\"; expected start or stop");

    Path badYaml = write("i.yaml", "pipeline: [\n");
    assertThatThrownBy(() -> loader.load(badYaml))
        .hasMessageStartingWith(badYaml + ": not valid YAML");
  }

  @Test
  void aSixFieldScheduleCountsSecondsFirst() throws Exception {
    Path file =
        write("s.yaml", "pipeline: s\nschedule: \"*/20 * * * * *\"\ntasks:\n  t: {command: x}\n");
    var pipeline = loader.load(file);
    var next =
        com.cronutils.model.time.ExecutionTime.forCron(pipeline.schedule().orElseThrow())
            .nextExecution(java.time.ZonedDateTime.parse("2026-12-04T12:00:05Z"))
            .orElseThrow();
    assertThat(next).isEqualTo(java.time.ZonedDateTime.parse("2026-12-04T12:00:20Z"));
  }

  @Test
  void theShippedPipelinesLoad() {
    Path shipped = dev.taxiplatform.core.component.PlatformHome.locate().resolve("pipelines");
    var pipelines = new PipelineLoader(Set.of()).loadDirectory(shipped);

    assertThat(pipelines).containsOnlyKeys("platform_pipeline", "continuous");
    assertThat(pipelines.get("platform_pipeline").tasks())
        .extracting(TaskDefinition::id)
        .containsExactly(
            "start_streaming",
            "accumulate_data",
            "stop_streaming",
            "spark_processing",
            "load_staging",
            "dbt_run",
            "dbt_test");
    assertThat(pipelines.get("continuous").scheduleExpression()).isEqualTo("*/20 * * * * *");
    assertThat(pipelines.get("continuous").tasks())
        .extracting(TaskDefinition::id)
        .containsExactly("spark_processing", "load_staging", "dbt_build");
  }
}
