package dev.taxiplatform.dashboard.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.taxiplatform.core.bench.BenchReport;
import dev.taxiplatform.core.bench.BenchStack;
import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.DashboardSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.config.PlatformSettings;
import dev.taxiplatform.core.config.ServerSettings;
import dev.taxiplatform.core.connect.ConnectionEnvironment;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.dashboard.DashboardServer;
import dev.taxiplatform.dashboard.data.DateRange;
import dev.taxiplatform.dashboard.data.MartQueries;
import dev.taxiplatform.dashboard.data.Panel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code platform bench-dashboard}: on a fresh local stack, stages synthetic rides, builds the
 * marts with the platform's SQL models, and measures the page data's latency under concurrent users
 * against the same panels computed by scanning {@code fact_rides} (the reference).
 */
@Command(
    name = "bench-dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the dashboard on a fresh local stack (infrastructure only, in"
          + " <data-dir>/bench-dashboard, removed afterwards): stage synthetic rides, build the"
          + " marts (platform transform run on dbt/), then load the page's data (status and the"
          + " seven panels, in parallel as the page does) from concurrent users over random date"
          + " ranges, with results not kept (every request queries the marts) and kept (the"
          + " refresh interval's cache, over the same varied ranges, so only a repeated range"
          + " hits); the reference computes the same panels by scanning fact_rides with the index"
          + " on its date column a user would add. Both must agree.",
      "Prints p50/p95/p99 latencies and writes <data-dir>/bench-results/dashboard.json."
    })
public final class DashboardBenchCommand implements Callable<Integer> {
  private static final long SEED = 20_261_124L;
  private static final int WARM_UP_PAGES = 30;

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--rides",
      paramLabel = "N",
      description = "Rides in the marts (default: 1000000).")
  private long rides = 1_000_000;

  @Option(names = "--days", paramLabel = "N", description = "Days they span (default: 90).")
  private int days = 90;

  @Option(names = "--users", paramLabel = "N", description = "Concurrent users (default: 8).")
  private int users = 8;

  @Option(
      names = "--pages",
      paramLabel = "N",
      description = "Page loads measured from the marts, each way (default: 400).")
  private int pages = 400;

  @Option(
      names = "--reference-pages",
      paramLabel = "N",
      description = "Page loads measured by scanning fact_rides (default: 48).")
  private int referencePages = 48;

  @Override
  public Integer call() throws Exception {
    if (rides <= 0 || days <= 0 || users <= 0 || pages <= 0 || referencePages <= 0) {
      throw PlatformException.usage(
          "--rides, --days, --users, --pages and --reference-pages must be positive.");
    }
    PlatformConfig config = configOptions.load();
    DashboardSettings settings = config.dashboard();
    PrintStream out = System.out;
    Path home = PlatformHome.locate();
    ComponentCatalog catalog = ComponentCatalog.discover(home);
    ComponentLauncher launcher = new ComponentLauncher(home);
    BenchReport report = new BenchReport("dashboard");
    out.println("Starting a fresh stack for the benchmark (infrastructure only) ...");
    try (BenchStack stack =
        BenchStack.start(
            catalog,
            launcher,
            config.dataDir().resolve("bench-dashboard"),
            out,
            "--infrastructure-only")) {
      Connections connections = stack.connections();
      WarehouseConnection platform = connections.warehouse();
      WarehouseConnection reader = connections.warehouseReader().orElseThrow();

      out.printf("%n1/5 staging %,d synthetic rides over %d days ...%n", rides, days);
      component(
          catalog,
          launcher,
          stack,
          Map.of(),
          "load",
          "--migrate-only",
          "--data-dir",
          stack.dataDir().toString());
      LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).minusDays(1);
      long start = System.nanoTime();
      new SyntheticRides().stage(platform, rides, days, lastDay, SEED);
      out.printf("    staged in %.1f s%n", (System.nanoTime() - start) / 1e9);

      out.println("\n2/5 building the marts: platform transform run --project-dir dbt ...");
      Path project = ProjectCopy.of(home.resolve("dbt"), "bench-dashboard-dbt");
      start = System.nanoTime();
      component(
          catalog,
          launcher,
          stack,
          ConnectionEnvironment.warehouse(platform),
          "transform",
          "run",
          "--project-dir",
          project.toString());
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      indexFactRidesByDate(platform);
      analyze(platform);
      out.printf("    built in %.1f s (and fact_rides indexed by event_date)%n", buildSeconds);

      List<DateRange> measured = ranges(new Random(SEED), lastDay, pages);
      List<DateRange> reference = measured.subList(0, Math.min(referencePages, pages));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      PageLoads.Result uncached;
      PageLoads.Result cached;
      PageLoads.Result scans;
      try (HikariDataSource scanPool = pool(reader, settings.poolSize());
          DashboardServer noCache = server(reader, settings.poolSize(), Duration.ofNanos(1));
          DashboardServer withCache =
              server(reader, settings.poolSize(), settings.refreshInterval())) {
        MartQueries marts = new MartQueries(scanPool, MartQueries.MARTS_SCHEMA);
        MartQueries factRides =
            new MartQueries(scanPool, FactRidesSql.of(MartQueries.MARTS_SCHEMA));
        out.println(
            "\n3/5 checking the marts against fact_rides on " + reference.size() + " ranges ...");
        for (DateRange range : reference.subList(0, Math.min(8, reference.size()))) {
          for (Panel panel : Panel.values()) {
            if (!marts.panel(panel, range).equals(factRides.panel(panel, range))) {
              throw new PlatformException(
                  ExitCodes.FAILED,
                  "The marts and fact_rides disagree on %s over %s".formatted(panel.id(), range));
            }
          }
        }
        out.println("    every panel agrees");

        out.printf(
            "%n4/5 page data from the marts: %d users, %d page loads (status + %d panels each)"
                + " ...%n",
            users, pages, Panel.values().length);
        PageLoads.run(
            users,
            measured.subList(0, Math.min(WARM_UP_PAGES, pages)),
            PageLoads.http(http, noCache.url()));
        uncached = PageLoads.run(users, measured, PageLoads.http(http, noCache.url()));
        out.println("    results not kept: " + uncached.pages());
        cached = PageLoads.run(users, measured, PageLoads.http(http, withCache.url()));
        out.printf(
            "    results kept:     %s (%d of %d ranges repeat an earlier one)%n",
            cached.pages(), measured.size() - new java.util.HashSet<>(measured).size(), pages);

        out.printf(
            "%n5/5 reference: the same panels scanning fact_rides, %d page loads ...%n",
            reference.size());
        ExecutorService queries = Executors.newFixedThreadPool(users * Panel.values().length);
        try {
          scans = PageLoads.run(users, reference, scanPage(factRides, queries));
        } finally {
          queries.shutdownNow();
        }
        out.println("    scanning fact_rides: " + scans.pages());
      }

      report.add(
          "page_data_p50_ms",
          uncached.pages().p50(),
          "ms",
          "fact_rides_scan_page_data_p50_ms",
          scans.pages().p50());
      report.add(
          "page_data_p95_ms",
          uncached.pages().p95(),
          "ms",
          "fact_rides_scan_page_data_p95_ms",
          scans.pages().p95());
      report.add(
          "page_data_p99_ms",
          uncached.pages().p99(),
          "ms",
          "fact_rides_scan_page_data_p99_ms",
          scans.pages().p99());
      report.add(
          "page_loads_per_second",
          uncached.pagesPerSecond(),
          "pages/s",
          "fact_rides_scan_page_loads_per_second",
          scans.pagesPerSecond());
      report.add(
          "cached_page_data_p95_ms",
          cached.pages().p95(),
          "ms",
          "page_data_p95_ms",
          uncached.pages().p95());
      report.add(
          "cached_page_loads_per_second",
          cached.pagesPerSecond(),
          "pages/s",
          "page_loads_per_second",
          uncached.pagesPerSecond());
      report.add("panel_request_p95_ms", uncached.requests().p95(), "ms");
      report.add("marts_build_seconds", buildSeconds, "s");
      report.add("rides", rides, "rides");
      report.add("users", users, "users");
    }
    out.println();
    out.print(report.table());
    Path written = report.write(config.dataDir());
    out.println("Written to " + written);
    return ExitCodes.SUCCESS;
  }

  /** A page's seven panels queried in parallel, as the dashboard's server does for a page. */
  private static PageLoads.Page scanPage(MartQueries queries, ExecutorService pool) {
    return (range, requests) -> {
      long start = System.nanoTime();
      List<Future<Long>> panels = new ArrayList<>();
      for (Panel panel : Panel.values()) {
        panels.add(
            pool.submit(
                () -> {
                  long began = System.nanoTime();
                  queries.panel(panel, range);
                  return System.nanoTime() - began;
                }));
      }
      for (Future<Long> panel : panels) {
        requests.add(panel.get());
      }
      return System.nanoTime() - start;
    };
  }

  /**
   * Ranges as users pick them, ending at the data's last day or earlier: a day, a week, a month, or
   * any span.
   */
  static List<DateRange> ranges(Random random, LocalDate lastDay, int count) {
    List<DateRange> ranges = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int length =
          switch (random.nextInt(4)) {
            case 0 -> 1;
            case 1 -> 7;
            case 2 -> 30;
            default -> 1 + random.nextInt(90);
          };
      LocalDate to = lastDay.minusDays(random.nextInt(Math.max(1, 90 - length + 1)));
      ranges.add(new DateRange(Optional.of(to.minusDays(length - 1L)), Optional.of(to)));
    }
    return ranges;
  }

  private static DashboardServer server(
      WarehouseConnection reader, int poolSize, Duration keepResults) {
    return DashboardServer.start(
        new DashboardServer.Options(
            reader,
            MartQueries.MARTS_SCHEMA,
            ServerSettings.LOOPBACK,
            0,
            poolSize,
            keepResults,
            Optional::empty,
            PlatformSettings.TIME_ZONE.defaultValue().orElseThrow()));
  }

  private static HikariDataSource pool(WarehouseConnection warehouse, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(warehouse.jdbcUrl());
    config.setUsername(warehouse.user());
    config.setPassword(warehouse.password());
    config.setPoolName("bench-reference");
    config.setMaximumPoolSize(size);
    config.setReadOnly(true);
    // Scans of fact_rides queue behind each other for minutes: waiting is what is measured.
    config.setConnectionTimeout(Duration.ofMinutes(30).toMillis());
    return new HikariDataSource(config);
  }

  /**
   * The index a user scanning {@code fact_rides} by date would add: every reference query filters
   * on {@code event_date}.
   */
  private static void indexFactRidesByDate(WarehouseConnection warehouse) throws SQLException {
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "create index if not exists fact_rides_event_date on %s.fact_rides (event_date)"
              .formatted(MartQueries.MARTS_SCHEMA));
    }
  }

  private static void analyze(WarehouseConnection warehouse) throws SQLException {
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement()) {
      statement.execute("analyze");
    }
  }

  /** Runs a platform command in its component's process; fails the benchmark if it fails. */
  private static void component(
      ComponentCatalog catalog,
      ComponentLauncher launcher,
      BenchStack stack,
      Map<String, String> environment,
      String command,
      String... args)
      throws IOException, InterruptedException {
    ComponentDescriptor component =
        catalog
            .forCommand(command)
            .orElseThrow(
                () ->
                    new PlatformException(
                        ExitCodes.USAGE,
                        "The %s component is not built: run mvn package".formatted(command)));
    List<String> arguments = new ArrayList<>(List.of(command));
    arguments.addAll(List.of(args));
    ProcessBuilder builder = launcher.processBuilder(component, List.of(), arguments);
    builder.environment().putAll(environment);
    builder.environment().put("PLATFORM_DATA_DIR", stack.dataDir().toString());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    try (var output = process.inputReader().lines()) {
      output.forEach(lines::add);
    }
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      lines.stream()
          .skip(Math.max(0, lines.size() - 30))
          .forEach(l -> System.out.println("    " + l));
      throw new PlatformException(
          ExitCodes.FAILED, "platform %s failed during the benchmark".formatted(command));
    }
    lines.stream()
        .filter(l -> l.startsWith("Done.") || l.startsWith("Warehouse schema"))
        .forEach(l -> System.out.println("    " + l));
  }
}
