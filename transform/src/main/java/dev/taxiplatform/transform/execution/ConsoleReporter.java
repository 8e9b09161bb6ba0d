package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints progress as dbt does: {@code 1 of 6 START sql table model public_marts.dim_zones ....
 * [RUN]}, then {@code OK created ... [SELECT 265 in 0.21s]}, and the closing {@code Done. PASS=..}
 * line. Lines are printed whole, so threads do not interleave within a line.
 */
public final class ConsoleReporter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final int WIDTH = 80;

  private final PrintStream out;
  private final Clock clock;

  public ConsoleReporter(PrintStream out, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Prints a line with the time in front. */
  public synchronized void line(String text) {
    String time = LocalTime.now(clock.withZone(ZoneId.systemDefault())).format(TIME);
    out.println(time + "  " + text);
    out.flush();
  }

  void start(Node node, int index, int total) {
    line(dotted("%d of %d START %s".formatted(index, total, describe(node)), "RUN"));
  }

  void finish(Node node, NodeResult result, int index, int total) {
    String time = String.format(Locale.ROOT, "%.2fs", result.executionTime());
    String prefix = "%d of %d ".formatted(index, total);
    String text =
        switch (result.status()) {
          case SUCCESS ->
              dotted(
                  prefix
                      + (node.type() == ResourceType.SEED
                          ? "OK loaded "
                          : node.type() == ResourceType.SNAPSHOT
                              ? "OK snapshotted "
                              : "OK created ")
                      + describe(node),
                  result.message() + " in " + time);
          case PASS -> dotted(prefix + "PASS " + node.name(), "PASS in " + time);
          case WARN ->
              dotted(
                  prefix + "WARN " + result.failures() + " " + node.name(),
                  "WARN " + result.failures() + " in " + time);
          case FAIL ->
              dotted(
                  prefix + "FAIL " + result.failures() + " " + node.name(),
                  "FAIL " + result.failures() + " in " + time);
          case ERROR ->
              dotted(
                  prefix
                      + "ERROR "
                      + (node.type() == ResourceType.TEST
                          ? node.name()
                          : (node.type() == ResourceType.SEED ? "loading " : "creating ")
                              + describe(node)),
                  "ERROR in " + time);
          case SKIPPED ->
              dotted(
                  prefix
                      + "SKIP "
                      + (node.type() == ResourceType.TEST
                          ? "test " + node.name()
                          : "relation " + node.schema() + "." + node.alias()),
                  "SKIP");
        };
    line(text);
  }

  /**
   * {@code sql table model public_marts.dim_zones}, {@code seed file public.raw}, {@code test x}.
   */
  static String describe(Node node) {
    return switch (node.type()) {
      case MODEL ->
          "sql %s model %s.%s".formatted(node.config().materialized(), node.schema(), node.alias());
      case SEED -> "seed file %s.%s".formatted(node.schema(), node.alias());
      case SNAPSHOT -> "snapshot %s.%s".formatted(node.schema(), node.alias());
      case TEST -> "test " + node.name();
      case SOURCE -> "source " + node.name();
    };
  }

  static String dotted(String text, String status) {
    int dots = Math.max(3, WIDTH - text.length() - 1);
    return text + " " + ".".repeat(dots) + " [" + status + "]";
  }
}
