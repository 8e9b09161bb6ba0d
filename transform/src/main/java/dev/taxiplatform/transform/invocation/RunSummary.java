package dev.taxiplatform.transform.invocation;

import dev.taxiplatform.transform.execution.ConsoleReporter;
import dev.taxiplatform.transform.execution.NodeResult;
import dev.taxiplatform.transform.execution.NodeStatus;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The end of a run's output: timing, the failures in detail, and the {@code Done.} line. */
final class RunSummary {
  private final ConsoleReporter reporter;
  private final Manifest manifest;

  RunSummary(ConsoleReporter reporter, Manifest manifest) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.manifest = Objects.requireNonNull(manifest, "manifest");
  }

  void print(List<NodeResult> results, Duration elapsed) {
    double seconds = elapsed.toMillis() / 1000.0;
    long minutes = elapsed.toMinutes();
    reporter.line("");
    reporter.line(
        String.format(
            Locale.ROOT,
            "Finished running %s in %d hours %d minutes and %.2f seconds (%.2fs).",
            Invocation.kinds(manifest, results),
            minutes / 60,
            minutes % 60,
            seconds - minutes * 60,
            seconds));
    long pass = count(results, NodeStatus.SUCCESS) + count(results, NodeStatus.PASS);
    long warn = count(results, NodeStatus.WARN);
    long error = count(results, NodeStatus.ERROR) + count(results, NodeStatus.FAIL);
    long skip = count(results, NodeStatus.SKIPPED);
    reporter.line("");
    if (error == 0 && warn == 0) {
      reporter.line("Completed successfully");
    } else {
      reporter.line(
          "Completed with %s, 0 partial successes, and %s:"
              .formatted(Invocation.plural(error, "error"), Invocation.plural(warn, "warning")));
      for (NodeResult result : results) {
        Node node = manifest.nodes().get(result.uniqueId());
        switch (result.status()) {
          case ERROR -> {
            reporter.line("");
            reporter.line(result.message());
          }
          case FAIL, WARN -> {
            reporter.line("");
            reporter.line(
                "%s in test %s (%s)"
                    .formatted(
                        result.status() == NodeStatus.FAIL ? "Failure" : "Warning",
                        node.name(),
                        node.originalFilePath()));
            reporter.line("  " + result.message());
          }
          default -> {
            // nothing to add
          }
        }
      }
    }
    reporter.line("");
    reporter.line(
        "Done. PASS=%d WARN=%d ERROR=%d SKIP=%d TOTAL=%d"
            .formatted(pass, warn, error, skip, results.size()));
  }

  private static long count(List<NodeResult> results, NodeStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }
}
