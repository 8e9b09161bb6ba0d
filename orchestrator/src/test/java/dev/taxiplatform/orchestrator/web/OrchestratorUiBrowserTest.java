package dev.taxiplatform.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.testing.HeadlessChromium;
import dev.taxiplatform.orchestrator.engine.EngineTestAccess;
import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The orchestrator's UI in headless Chromium: the grid shows the run's tasks; the button triggers.
 */
class OrchestratorUiBrowserTest {
  @TempDir Path directory;

  @Test
  void theGridShowsTaskStatesAndTheTriggerButtonStartsARun() throws Exception {
    try (EngineTestAccess harness = new EngineTestAccess(directory)) {
      PipelineDefinition pipeline =
          harness.pipeline(
              """
              pipeline: %name%
              description: Browser check
              tasks:
                extract: {command: ["true"]}
                broken: {command: ["sh", "-c", "echo something went wrong; exit 4"], depends_on: extract}
                publish: {command: ["true"], depends_on: broken}
              """);
      PipelineRun first = harness.engine().trigger(pipeline.name());
      harness.runToCompletion(first.id(), Duration.ofSeconds(60));

      AtomicBoolean running = new AtomicBoolean(true);
      Thread engineLoop =
          new Thread(
              () -> {
                while (running.get()) {
                  try {
                    harness.engine().tick();
                    Thread.sleep(200);
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      engineLoop.start();
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (OrchestratorWeb web =
              OrchestratorWeb.start(
                  "127.0.0.1",
                  0,
                  Map.of(pipeline.name(), pipeline),
                  harness.store(),
                  registry,
                  () -> true,
                  () -> true,
                  Clock.systemUTC());
          HeadlessChromium browser = HeadlessChromium.start(1280, 900)) {
        var driver = browser.driver();
        driver.get("http://127.0.0.1:%d/?pipeline=%s".formatted(web.port(), pipeline.name()));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        wait.until(
            d ->
                d.findElements(By.cssSelector("td.cell[data-run='%d']".formatted(first.id())))
                        .size()
                    == 3);
        assertThat(stateOf(driver, first.id(), "extract")).isEqualTo("success");
        assertThat(stateOf(driver, first.id(), "broken")).isEqualTo("failed");
        assertThat(stateOf(driver, first.id(), "publish")).isEqualTo("upstream_failed");
        assertThat(driver.findElement(By.id("pipeline-description")).getText())
            .isEqualTo("Browser check");

        // The grid is redrawn every few seconds: a cell found just before a redraw is stale.
        wait.ignoring(StaleElementReferenceException.class)
            .until(
                d -> {
                  d.findElement(
                          By.cssSelector(
                              "td.cell[data-run='%d'][data-task='broken']".formatted(first.id())))
                      .click();
                  return true;
                });
        wait.until(d -> d.findElement(By.id("log")).getText().contains("something went wrong"));
        assertThat(driver.findElement(By.id("attempts")).getText())
            .contains("attempt 1: failed (exit 4)");
        browser.screenshot(Path.of("target", "screenshots", "orchestrator-ui.png"));

        driver.findElement(By.id("trigger")).click();
        wait.until(d -> recentRuns(harness, pipeline).size() == 2);
        List<PipelineRun> runs = recentRuns(harness, pipeline);
        long second = runs.get(0).id();
        assertThat(runs.get(0).trigger()).isEqualTo("manual");
        wait.until(
            d ->
                d.findElements(By.cssSelector("td.cell[data-run='%d']".formatted(second))).size()
                    == 3);
        wait.until(d -> "success".equals(stateOf(d, second, "extract")));
      } finally {
        running.set(false);
        engineLoop.join();
      }
    }
  }

  private static List<PipelineRun> recentRuns(
      EngineTestAccess harness, PipelineDefinition pipeline) {
    try {
      return harness.store().recentRuns(pipeline.name(), 10);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The state of a cell of the grid, found again if a redraw replaced it before it was read. */
  private static String stateOf(org.openqa.selenium.WebDriver driver, long runId, String task) {
    for (int attempt = 1; ; attempt++) {
      List<WebElement> cells =
          driver.findElements(
              By.cssSelector("td.cell[data-run='%d'][data-task='%s']".formatted(runId, task)));
      try {
        return cells.isEmpty() ? "" : cells.get(0).getAttribute("data-state");
      } catch (StaleElementReferenceException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }
}
