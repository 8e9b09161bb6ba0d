package dev.taxiplatform.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinuousPipelineFileTest {
  @Test
  void replacesTheScheduleAndUnpauses() {
    String yaml =
        "pipeline: continuous\nschedule: \"*/5 * * * *\"\npaused: true\ntasks:\n"
            + "  load:\n    platform: load\n";
    assertThat(ContinuousPipelineFile.rescheduled(yaml, "* * * * *"))
        .isEqualTo(
            "pipeline: continuous\nschedule: \"* * * * *\"\npaused: false\ntasks:\n"
                + "  load:\n    platform: load\n");
  }

  @Test
  void withoutAScheduleOfItsOwnTheCopyKeepsTheFilesSchedule(@TempDir Path dir) throws Exception {
    String shipped = Files.readString(Path.of("..", "pipelines", "continuous.yaml"));
    String cron = ContinuousPipelineFile.schedule(shipped);
    assertThat(
            ContinuousPipelineFile.write(
                Path.of("..", "pipelines"), dir, java.util.Optional.empty()))
        .isEqualTo(cron);
    assertThat(Files.readString(dir.resolve("continuous.yaml")))
        .contains("\nschedule: \"" + cron + "\"\n");
  }

  @Test
  void aFileWithoutScheduleIsRefused() {
    assertThatThrownBy(() -> ContinuousPipelineFile.rescheduled("pipeline: x\n", "* * * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schedule:");
  }

  @Test
  void writesThePlatformsFileAsTheOnlyPipeline(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("pipelines");
    Files.createDirectories(target);
    Files.writeString(target.resolve("old.yaml"), "pipeline: old\n");
    assertThat(
            ContinuousPipelineFile.write(
                Path.of("..", "pipelines"), target, java.util.Optional.of("*/2 * * * *")))
        .isEqualTo("*/2 * * * *");
    try (var files = Files.list(target)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("continuous.yaml");
    }
    String written = Files.readString(target.resolve("continuous.yaml"));
    assertThat(written).contains("\nschedule: \"*/2 * * * *\"\n").contains("\npaused: false\n");
    assertThat(written).contains("platform: transform build --project-dir dbt");
  }
}
