package dev.taxiplatform.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.net.PortAllocator;
import dev.taxiplatform.core.testing.PlatformCli;
import dev.taxiplatform.dashboard.testing.Http;
import dev.taxiplatform.dashboard.testing.MartsFixture;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platform dashboard} as a user runs it, against the local stack. */
class DashboardCommandTest {
  @TempDir Path workDir;

  @Test
  void helpDescribesTheCommand() {
    PlatformCli.Result help = PlatformCli.inDirectory(workDir).run("dashboard", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.output())
        .contains("Usage: platform dashboard")
        .contains("--port=<port>")
        .contains("read-only role (dashboard.user)");
  }

  @Test
  void servesThePageAndApiAsTheReadOnlyRoleOfTheRunningStack() throws Exception {
    MartsFixture marts = MartsFixture.get();
    int port = new PortAllocator().allocate(28501).port();
    Path log = workDir.resolve("dashboard.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                PlatformHome.locate().resolve("platform").toString(),
                "dashboard",
                "--port",
                Integer.toString(port),
                "--data-dir",
                marts.stack().dataDir().toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith("PLATFORM_")
                    || name.startsWith("WAREHOUSE_")
                    || name.startsWith("DASHBOARD_"));
    builder.environment().put("PLATFORM_SKIP_BUILD", "1");
    Process process = builder.start();
    try {
      URI base = URI.create("http://127.0.0.1:%d/".formatted(port));
      awaitHealthy(base, process, log);

      assertThat(Files.readString(log))
          .contains("Dashboard serving http://127.0.0.1:%d/".formatted(port))
          .contains("as platform_reader)");
      JsonNode status = new ObjectMapper().readTree(Http.get(base, "/api/status").body());
      assertThat(status.get("state").asText()).isEqualTo("ready");
      assertThat(status.get("rides").asLong()).isEqualTo(marts.rides().size());
      assertThat(status.get("orchestrator_url").isNull()).isTrue();
      HttpResponse<String> page = Http.get(base, "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains("<script src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\">");
      assertThat(Http.get(base, "/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode())
          .isEqualTo(200);
      assertThat(Http.get(base, "/metrics").body()).contains("taxi_dashboard_warehouse_up 1.0");
    } finally {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void awaitHealthy(URI base, Process process, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive())
          .as("platform dashboard exited:%n%s", Files.readString(log))
          .isTrue();
      try {
        if (Http.get(base, "/health").statusCode() == 200) {
          return;
        }
      } catch (java.io.UncheckedIOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "platform dashboard did not become healthy:\n" + Files.readString(log));
  }
}
