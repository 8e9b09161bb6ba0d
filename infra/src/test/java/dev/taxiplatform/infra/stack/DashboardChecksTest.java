package dev.taxiplatform.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taxiplatform.core.component.PlatformHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboards in {@code deploy/monitoring/dashboards}, checked offline by {@code
 * check/check.mjs} (Grafana's schema types with TypeScript, PromQL with Prometheus's parser): the
 * shipped ones pass, and each check fails on a planted error.
 */
class DashboardChecksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DASHBOARDS =
      PlatformHome.locate().resolve("deploy/monitoring/dashboards");
  private static final Path CHECK = DASHBOARDS.resolve("check");

  @TempDir Path temp;

  @BeforeAll
  static void installTheCheckersDependencies() throws Exception {
    if (!Files.isDirectory(CHECK.resolve("node_modules"))) {
      Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
      assertThat(install.exitCode()).as(install.output()).isZero();
    }
  }

  @Test
  void theShippedDashboardsPass() throws Exception {
    Result result =
        check(
            DASHBOARDS.resolve("platform-overview.json"),
            DASHBOARDS.resolve("services.json"),
            DASHBOARDS.resolve("kubernetes-pods.json"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("OK: 3 dashboard(s), 38 PromQL queries");
  }

  @Test
  void anUnknownPanelFieldFails() throws Exception {
    ObjectNode dashboard = (ObjectNode) JSON.readTree(DASHBOARDS.resolve("services.json").toFile());
    ((ObjectNode) dashboard.path("panels").get(0)).put("colour", "red");
    Path planted = temp.resolve("planted-field.json");
    JSON.writeValue(planted.toFile(), dashboard);

    Result result = check(planted);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("'\"colour\"' does not exist in type 'Panel");
  }

  @Test
  void aWronglyTypedFieldFails() throws Exception {
    ObjectNode dashboard = (ObjectNode) JSON.readTree(DASHBOARDS.resolve("services.json").toFile());
    dashboard.put("schemaVersion", "39");
    Path planted = temp.resolve("planted-type.json");
    JSON.writeValue(planted.toFile(), dashboard);

    Result result = check(planted);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("Type 'string' is not assignable to type 'number'");
  }

  @Test
  void aQueryThatIsNoPromqlFails() throws Exception {
    ObjectNode dashboard = (ObjectNode) JSON.readTree(DASHBOARDS.resolve("services.json").toFile());
    ((ObjectNode) dashboard.path("panels").get(1).path("targets").get(0))
        .put("expr", "sum by (job) (rate(jvm_memory_used_bytes[5m]");
    Path planted = temp.resolve("planted-promql.json");
    JSON.writeValue(planted.toFile(), dashboard);

    Result result = check(planted);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("panel \"JVM heap used\": PromQL does not parse at character 44");
  }

  private static Result check(Path... dashboards) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "check.mjs"));
    for (Path dashboard : dashboards) {
      command.add(dashboard.toString());
    }
    return run(command);
  }

  private static Result run(List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(CHECK.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private record Result(int exitCode, String output) {}
}
