package dev.taxiplatform.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The local stack's {@code prometheus.yml}: every service's {@code /metrics}, the platform's alert
 * rules, short intervals for a laptop (an alert's {@code for} is still the rule's own).
 */
final class PrometheusConfigFile {
  static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(5);

  private PrometheusConfigFile() {}

  /**
   * @param targets what to scrape, one job each
   * @param ruleFiles glob patterns of the rule files to load
   */
  static String render(List<ScrapeTarget> targets, List<Path> ruleFiles) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Written by `platform up --with monitoring` at every start; edits are lost.\n");
    yaml.append("global:\n");
    yaml.append("  scrape_interval: ").append(SCRAPE_INTERVAL.toSeconds()).append("s\n");
    yaml.append("  evaluation_interval: ").append(SCRAPE_INTERVAL.toSeconds()).append("s\n");
    yaml.append("  external_labels:\n    stack: local\n");
    yaml.append("rule_files:\n");
    for (Path rules : ruleFiles) {
      yaml.append("  - ").append(quoted(rules.toString())).append('\n');
    }
    yaml.append("scrape_configs:\n");
    for (ScrapeTarget target : targets) {
      yaml.append("  - job_name: ").append(quoted(target.job())).append('\n');
      if (target.honorLabels()) {
        yaml.append("    honor_labels: true\n");
      }
      yaml.append("    static_configs:\n");
      yaml.append("      - targets: [").append(quoted(target.address())).append("]\n");
    }
    return yaml.toString();
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
