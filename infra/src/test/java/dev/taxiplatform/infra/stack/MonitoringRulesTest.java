package dev.taxiplatform.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.taxiplatform.core.component.PlatformHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules in {@code deploy/monitoring}: {@code promtool}'s unit tests pass, every alert is
 * tested both firing and silent, and has a runbook entry in the README; the local stack's
 * Prometheus configuration is valid.
 */
class MonitoringRulesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path HOME = PlatformHome.locate();
  private static final Path RULES = HOME.resolve("deploy/monitoring/rules/platform-alerts.yml");
  private static final Path TESTS =
      HOME.resolve("deploy/monitoring/tests/platform-alerts-test.yml");

  @TempDir Path temp;

  @Test
  void promtoolUnitTestsOfTheRulesPass() throws Exception {
    Result result = promtool("test", "rules", TESTS.toString());

    assertThat(result.output()).contains("SUCCESS");
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void promtoolUnitTestsFailWhenARuleIsWrong() throws Exception {
    Path rules = temp.resolve("rules/platform-alerts.yml");
    Files.createDirectories(rules.getParent());
    String original = Files.readString(RULES);
    // Plant an error: the dead-letter threshold ten times too high.
    String planted = original.replace("            > 0.05\n", "            > 0.5\n");
    assertThat(planted).isNotEqualTo(original);
    Files.writeString(rules, planted);
    Path tests = temp.resolve("tests/platform-alerts-test.yml");
    Files.createDirectories(tests.getParent());
    Files.copy(TESTS, tests);

    Result result = promtool("test", "rules", tests.toString());

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("FAILED").contains("DeadLetterShareHigh");
  }

  @Test
  void everyAlertIsTestedFiringAndSilentAndHasARunbookEntry() throws IOException {
    Set<String> alerts = alertNames();
    Set<String> testedFiring = new TreeSet<>();
    Set<String> testedSilent = new TreeSet<>();
    for (JsonNode test : YAML.readTree(TESTS.toFile()).path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        String name = check.path("alertname").asText();
        (check.path("exp_alerts").isEmpty() ? testedSilent : testedFiring).add(name);
      }
    }
    String readme = Files.readString(HOME.resolve("README.md"));

    assertThat(alerts)
        .contains(
            "ComponentDown",
            "KafkaOfflinePartitions",
            "PipelineRunFailed",
            "PipelineOverdue",
            "SinkConsumerLagGrowing",
            "DeadLetterShareHigh",
            "EndToEndLatencyHigh",
            "DataStale",
            "QuarantinedShareHigh",
            "DataDiskAlmostFull");
    assertThat(testedFiring).isEqualTo(alerts);
    assertThat(testedSilent).isEqualTo(alerts);
    for (String alert : alerts) {
      String anchor = "runbook-" + alert.toLowerCase(java.util.Locale.ROOT);
      assertThat(readme).as("README runbook entry for " + alert).contains("id=\"" + anchor + "\"");
    }
  }

  @Test
  void everyAlertHasASeveritySummaryAndRunbook() throws IOException {
    for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asText();
        assertThat(rule.path("labels").path("severity").asText())
            .as(name)
            .isIn("critical", "warning");
        assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
        assertThat(rule.path("annotations").path("runbook").asText())
            .as(name)
            .isEqualTo("README.md#runbook-" + name.toLowerCase(java.util.Locale.ROOT));
      }
    }
  }

  @Test
  void theLocalStacksPrometheusConfigurationIsValid() throws Exception {
    Path config = temp.resolve("prometheus.yml");
    Files.writeString(
        config,
        PrometheusConfigFile.render(
            List.of(
                new ScrapeTarget("sink", "127.0.0.1:9464", false),
                new ScrapeTarget("pushgateway", "127.0.0.1:9091", true)),
            List.of(RULES.getParent().resolve("*.yml"))));

    Result result = promtool("check", "config", config.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 12 rules found");
  }

  private static Set<String> alertNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        names.add(rule.path("alert").asText());
      }
    }
    return names;
  }

  private static Result promtool(String... arguments) throws Exception {
    Path promtool = MonitoringServices.binary("promtool");
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private record Result(int exitCode, String output) {}
}
