package dev.taxiplatform.transform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.taxiplatform.transform.cli.TransformCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-transform}: the transformation engine's benchmark, on the warehouse's PostgreSQL
 * server (the running stack's, from {@code WAREHOUSE_*}) in two databases of its own that it
 * creates and drops. Prints a table and writes {@code bench-results/transform.json} in the data
 * directory.
 *
 * <ol>
 *   <li>Engine overhead: {@code build --full-refresh} of the platform's {@code dbt/} project on 1M
 *       staged rides, against running the same compiled SQL directly over JDBC in the same order
 *       (the reference), one thread each; a warm-up round, then 3 rounds alternating which goes
 *       first; medians.
 *   <li>Parse + compile of a generated project of 1,000 models (and 2,000 tests): the {@code
 *       compile} command in a new JVM (what a user waits for), and in-process (median of 3 after a
 *       warm-up); and parse alone ({@code ls}).
 * </ol>
 */
@Command(
    name = "bench-transform",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the SQL model engine on the running stack's PostgreSQL (in databases of its own,"
          + " dropped afterwards): build of dbt/ on staged rides against the same compiled SQL run"
          + " directly, and parse/compile of a generated project.",
      "Prints a table and writes bench-results/transform.json in the data directory.",
      "Exit codes: 0 done, 1 a measurement failed, 2 bad usage, 3 PostgreSQL unreachable."
    })
public final class TransformBenchmark implements Callable<Integer> {
  private static final int ROUNDS = 3;
  private static final String RIDES_DATABASE = "bench_transform_rides";
  private static final String GENERATED_DATABASE = "bench_transform_generated";

  @Option(
      names = "--rides",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "Rides staged for the build (default: ${DEFAULT-VALUE}).")
  private int rides;

  @Option(
      names = "--models",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Models of the generated project (default: ${DEFAULT-VALUE}).")
  private int models;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory of the local stack (default: $PLATFORM_DATA_DIR, else ./.platform-data).")
  private Path dataDir;

  private final Map<String, String> environment;

  private TransformBenchmark(Map<String, String> environment) {
    this.environment = environment;
  }

  /** Runs the command with {@code args} (after {@code bench-transform}); returns the exit code. */
  public static int run(Map<String, String> environment, String... args) {
    return new CommandLine(new TransformBenchmark(environment)).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (rides < 1 || models < 1) {
      System.err.println("--rides and --models must be at least 1.");
      return 2;
    }
    BenchDatabase server = server();
    try (Connection connection = server.connect()) {
      connection.isValid(5);
    } catch (SQLException e) {
      System.err.printf(
          "PostgreSQL at %s:%d is unreachable (%s); start the stack (platform up) or set"
              + " WAREHOUSE_HOST and WAREHOUSE_PORT.%n",
          server.host(), server.port(), e.getMessage());
      return 3;
    }
    Path data =
        dataDir != null
            ? dataDir
            : Path.of(environment.getOrDefault("PLATFORM_DATA_DIR", ".platform-data"));
    Path work = Files.createTempDirectory("transform-bench");
    List<Map<String, Object>> results = new ArrayList<>();
    try {
      BenchDatabase database = create(server, RIDES_DATABASE);
      results.addAll(engineOverhead(database, work));
      BenchDatabase generated = create(server, GENERATED_DATABASE);
      results.addAll(parseAndCompile(generated, work));
    } finally {
      drop(server, RIDES_DATABASE);
      drop(server, GENERATED_DATABASE);
      delete(work);
    }
    print(results);
    write(data.toAbsolutePath().resolve("bench-results/transform.json"), results);
    return 0;
  }

  private BenchDatabase server() {
    return new BenchDatabase(
        environment.getOrDefault("WAREHOUSE_HOST", "127.0.0.1"),
        Integer.parseInt(environment.getOrDefault("WAREHOUSE_PORT", "5432")),
        environment.getOrDefault("WAREHOUSE_DB", "postgres"),
        environment.getOrDefault("WAREHOUSE_USER", "postgres"),
        environment.getOrDefault("WAREHOUSE_PASSWORD", ""));
  }

  private static BenchDatabase create(BenchDatabase server, String name) {
    drop(server, name);
    server.execute("create database " + name);
    return server.other(name);
  }

  private static void drop(BenchDatabase server, String name) {
    server.execute("drop database if exists " + name + " with (force)");
  }

  private Path repositoryRoot() {
    return Path.of(environment.getOrDefault("PLATFORM_HOME", "")).toAbsolutePath().normalize();
  }

  private List<Map<String, Object>> engineOverhead(BenchDatabase database, Path work)
      throws IOException {
    database.execute(StagingTable.DDL);
    Path project = ProjectFiles.copy(repositoryRoot().resolve("dbt"), work.resolve("dbt"));
    Map<String, String> environment = database.warehouseEnvironment();
    double[] fixed = rounds(database, project, environment, 5, "empty staging");
    long loadStart = System.nanoTime();
    database.execute(ridesSql(rides));
    database.execute("analyze staging.stg_rides");
    System.out.printf(Locale.ROOT, "Staged %,d rides in %.1fs%n", rides, seconds(loadStart));
    double[] medians = rounds(database, project, environment, ROUNDS, "1M rides");
    double engineMedian = medians[0];
    double referenceMedian = medians[1];
    List<Map<String, Object>> results = new ArrayList<>();
    results.add(
        result(
            "build_platform_project_1m_rides",
            engineMedian,
            "s",
            "same_compiled_sql_direct_jdbc",
            referenceMedian));
    results.add(
        result(
            "engine_overhead",
            (engineMedian / referenceMedian - 1) * 100,
            "%",
            "goal_max_overhead",
            5.0));
    results.add(
        result(
            "engine_fixed_overhead_empty_staging",
            fixed[0] - fixed[1],
            "s",
            "same_compiled_sql_direct_jdbc",
            fixed[1]));
    results.add(
        result(
            "fixed_overhead_share_of_1m_build",
            (fixed[0] - fixed[1]) / referenceMedian * 100,
            "%",
            "goal_max_overhead",
            5.0));
    return results;
  }

  /** Alternating rounds after a warm-up; returns the medians {engine, reference}. */
  private static double[] rounds(
      BenchDatabase database,
      Path project,
      Map<String, String> environment,
      int rounds,
      String label) {
    List<Double> engine = new ArrayList<>();
    List<Double> reference = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      boolean engineFirst = round % 2 == 0;
      double engineSeconds = 0;
      double referenceSeconds = 0;
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == engineFirst) {
          engineSeconds = engineBuild(project, environment);
        } else {
          referenceSeconds = reference(database, project);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%s, %s: engine %.2fs, same SQL directly %.2fs%n",
          label,
          round == 0 ? "warm-up" : "round " + round,
          engineSeconds,
          referenceSeconds);
      if (round > 0) {
        engine.add(engineSeconds);
        reference.add(referenceSeconds);
      }
    }
    return new double[] {median(engine), median(reference)};
  }

  private static double engineBuild(Path project, Map<String, String> environment) {
    long start = System.nanoTime();
    EngineRun run =
        engine(
            environment,
            "build",
            "--project-dir",
            project.toString(),
            "--full-refresh",
            "--threads",
            "1");
    double elapsed = seconds(start);
    if (run.exitCode() != 0) {
      throw new IllegalStateException("The build failed:\n" + run.output());
    }
    return elapsed;
  }

  /**
   * Runs the compiled SQL of the last engine build directly. The first call (before any build)
   * needs compiled SQL, so the project is compiled once up front by the caller's warm-up.
   */
  private static double reference(BenchDatabase database, Path project) {
    List<String> statements;
    try {
      if (!Files.exists(project.resolve("target/run_results.json"))) {
        engineBuild(project, database.warehouseEnvironment());
      }
      statements = referenceStatements(project);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    long start = System.nanoTime();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return seconds(start);
  }

  /** The compiled SQL of the last build, as plain DDL and test queries, in the order it ran. */
  private static List<String> referenceStatements(Path project) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(project.resolve("target/manifest.json").toFile());
    JsonNode results = json.readTree(project.resolve("target/run_results.json").toFile());
    List<String> statements = new ArrayList<>();
    for (JsonNode result : results.get("results")) {
      JsonNode node = manifest.get("nodes").get(result.get("unique_id").asText());
      String sql = result.get("compiled_code").asText();
      switch (node.get("resource_type").asText()) {
        case "model" -> {
          String kind = node.at("/config/materialized").asText().equals("view") ? "view" : "table";
          String relation = node.get("relation_name").asText();
          statements.add("create schema if not exists \"" + node.get("schema").asText() + "\"");
          statements.add("drop %s if exists %s cascade".formatted(kind, relation));
          statements.add("create %s %s as (\n%s\n)".formatted(kind, relation, sql));
        }
        case "test" -> statements.add("select count(*) from (\n" + sql + "\n) dbt_internal_test");
        default -> {
          // no seeds in the platform's project
        }
      }
    }
    return statements;
  }

  private List<Map<String, Object>> parseAndCompile(BenchDatabase database, Path work) {
    Path project = GeneratedProject.write(work.resolve("generated"), models);
    database.writeProfile(project, "generated", "public", 4);
    List<Double> compile = new ArrayList<>();
    List<Double> parse = new ArrayList<>();
    for (int round = 0; round <= ROUNDS; round++) {
      long start = System.nanoTime();
      EngineRun ls =
          engine(Map.of(), "ls", "--project-dir", project.toString(), "--resource-type", "model");
      double parsed = seconds(start);
      start = System.nanoTime();
      EngineRun run = engine(Map.of(), "compile", "--project-dir", project.toString());
      double compiled = seconds(start);
      if (run.exitCode() != 0 || ls.exitCode() != 0) {
        throw new IllegalStateException(
            "Compiling the generated project failed:\n" + run.output() + ls.output());
      }
      System.out.printf(
          Locale.ROOT,
          "%s: parse %.2fs, parse + compile %.2fs%n",
          round == 0 ? "warm-up" : "round " + round,
          parsed,
          compiled);
      if (round > 0) {
        parse.add(parsed);
        compile.add(compiled);
      }
    }
    double cold = coldCompile(project);
    System.out.printf(
        Locale.ROOT, "parse + compile in a new JVM (start-up included): %.2fs%n", cold);
    List<Map<String, Object>> results = new ArrayList<>();
    results.add(
        result(
            "parse_compile_%d_models_new_jvm_seconds".formatted(models),
            cold,
            "s",
            "goal_seconds",
            5.0));
    results.add(
        result(
            "parse_compile_%d_models_seconds".formatted(models),
            median(compile),
            "s",
            "goal_seconds",
            5.0));
    results.add(
        result(
            "parse_%d_models_seconds".formatted(models), median(parse), "s", "goal_seconds", 5.0));
    return results;
  }

  /** {@code compile} as a user runs it: a new JVM, start-up included. */
  private static double coldCompile(Path project) {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // the component's JVM options (component.properties): C1 only, serial GC
            "-Xmx1g",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.taxiplatform.transform.cli.TransformMain",
            "transform",
            "compile",
            "--project-dir",
            project.toString());
    try {
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output =
          new String(
              process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int code = process.waitFor();
      double elapsed = seconds(start);
      if (code != 0) {
        throw new IllegalStateException("compile in a new JVM failed:\n" + output);
      }
      return elapsed;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String ridesSql(int rides) {
    return """
        insert into staging.stg_rides
        select
            md5(i::text) as ride_id,
            ts as event_ts,
            (ts at time zone 'UTC')::date as event_date,
            extract(hour from ts at time zone 'UTC')::smallint as event_hour,
            zone as pickup_zone_id,
            'Zone ' || zone as pickup_zone_name,
            (array['Manhattan','Queens','Brooklyn','Bronx','Staten Island','EWR'])[1 + zone %% 6] as pickup_borough,
            dropoff as dropoff_zone_id,
            'Zone ' || dropoff as dropoff_zone_name,
            (array['Manhattan','Queens','Brooklyn','Bronx','Staten Island','EWR'])[1 + dropoff %% 6] as dropoff_borough,
            (1 + i %% 6)::smallint as passenger_count,
            distance as trip_distance_miles,
            round((4 + distance * 3.1)::numeric, 2) as duration_minutes,
            (array['credit_card','credit_card','cash','no_charge','dispute'])[1 + i %% 5] as payment_type,
            'standard' as rate_code,
            fare as fare_amount,
            tip as tip_amount,
            0 as tolls_amount,
            fare + tip + 1.50 as total_amount,
            round(fare / distance, 2) as fare_per_mile,
            round(fare / (4 + distance * 3.1), 2) as fare_per_minute,
            round(100 * tip / fare, 2) as tip_percentage,
            extract(hour from ts at time zone 'UTC') between 7 and 9 as is_rush_hour,
            extract(isodow from ts at time zone 'UTC') >= 6 as is_weekend,
            now() as loaded_at
        from (
            select
                i,
                timestamptz '2026-11-01 00:00:00+00' + ((i * 7919) %% 2592000) * interval '1 second' as ts,
                1 + (i * 31) %% 265 as zone,
                1 + (i * 17) %% 265 as dropoff,
                round((0.3 + ((i * 37) %% 1800) / 100.0)::numeric, 2) as distance,
                round((3 + ((i * 37) %% 1800) / 40.0)::numeric, 2) as fare,
                case when i %% 5 = 2 then 0 else round(((3 + ((i * 37) %% 1800) / 40.0) * ((i %% 30) / 100.0))::numeric, 2) end as tip
            from generate_series(1::bigint, %d) as i
        ) as generated
        """
        .formatted(rides);
  }

  /** The engine's command line run in-process, with what it printed. */
  private record EngineRun(int exitCode, String output) {}

  private static EngineRun engine(Map<String, String> environment, String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code = new TransformCli(out, environment, Clock.systemUTC()).execute(args);
    return new EngineRun(code, buffer.toString(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> result(
      String metric, double value, String unit, String referenceMetric, double referenceValue) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("metric", metric);
    result.put("value", round(value));
    result.put("unit", unit);
    result.put("reference_metric", referenceMetric);
    result.put("reference_value", round(referenceValue));
    result.put("ratio", round(value / referenceValue));
    return result;
  }

  private static void print(List<Map<String, Object>> results) {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-36s %10s %-4s %-32s %10s %8s%n",
        "metric",
        "value",
        "unit",
        "reference",
        "ref value",
        "ratio");
    for (Map<String, Object> r : results) {
      System.out.printf(
          Locale.ROOT,
          "%-36s %10.3f %-4s %-32s %10.3f %8.3f%n",
          r.get("metric"),
          r.get("value"),
          r.get("unit"),
          r.get("reference_metric"),
          r.get("reference_value"),
          r.get("ratio"));
    }
  }

  private static void write(Path file, List<Map<String, Object>> results) throws IOException {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    machine.put("memory_gb", round(memory / (1024.0 * 1024 * 1024)));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("name", "transform");
    document.put("machine", machine);
    document.put("results", results);
    Files.createDirectories(file.getParent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), document);
    System.out.println("Wrote " + file);
  }

  private static void delete(Path directory) throws IOException {
    try (var files = Files.walk(directory)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
