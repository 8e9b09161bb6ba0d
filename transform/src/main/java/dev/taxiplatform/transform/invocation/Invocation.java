package dev.taxiplatform.transform.invocation;

import dev.taxiplatform.transform.artifacts.ManifestWriter;
import dev.taxiplatform.transform.artifacts.RunResultsWriter;
import dev.taxiplatform.transform.compile.CompilerError;
import dev.taxiplatform.transform.compile.NodeCompiler;
import dev.taxiplatform.transform.compile.RunSettings;
import dev.taxiplatform.transform.database.DatabaseException;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.Warehouse;
import dev.taxiplatform.transform.execution.ArtifactPaths;
import dev.taxiplatform.transform.execution.ConsoleReporter;
import dev.taxiplatform.transform.execution.DagRunner;
import dev.taxiplatform.transform.execution.ExecutionPlan;
import dev.taxiplatform.transform.execution.NodeExecutor;
import dev.taxiplatform.transform.execution.NodeResult;
import dev.taxiplatform.transform.execution.RunHooks;
import dev.taxiplatform.transform.execution.SchemaCreator;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.graph.SelectorException;
import dev.taxiplatform.transform.jinja.TemplateException;
import dev.taxiplatform.transform.packages.Deps;
import dev.taxiplatform.transform.packages.DepsException;
import dev.taxiplatform.transform.packages.InstalledPackages;
import dev.taxiplatform.transform.parse.ParsedProject;
import dev.taxiplatform.transform.parse.ProjectParser;
import dev.taxiplatform.transform.project.ProfileLoader;
import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import dev.taxiplatform.transform.project.ProjectSettingsLoader;
import dev.taxiplatform.transform.project.Target;
import dev.taxiplatform.transform.project.YamlReader;
import dev.taxiplatform.transform.seed.SeedLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One invocation of the engine: loads the project and profile, parses, selects, runs the command
 * and writes the artifacts. Returns the exit code instead of exiting, so it can run in-process.
 */
public final class Invocation {
  private final PrintStream out;
  private final Map<String, String> environment;
  private final Clock clock;

  public Invocation(PrintStream out, Map<String, String> environment, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.environment = Map.copyOf(environment);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs the command and returns its exit code and results. */
  public InvocationResult run(InvocationOptions options) {
    ConsoleReporter reporter = new ConsoleReporter(out, clock);
    Instant started = clock.instant();
    RunSettings settings;
    ParsedProject parsed;
    List<ProjectSettings> packages;
    try {
      Map<String, Object> cliVars = new YamlReader().parseVars(options.vars());
      ProjectSettings project =
          new ProjectSettingsLoader(environment).load(options.projectDir(), cliVars);
      reporter.line("Running with taxi-transform=" + Version.current());
      if (options.command() == Command.DEBUG) {
        return new InvocationResult(
            new DebugCheck(reporter, environment).run(options, project, cliVars), List.of());
      }
      if (options.command() == Command.DEPS) {
        return new InvocationResult(deps(reporter, project), List.of());
      }
      packages = new InstalledPackages(environment).load(project, cliVars);
      Target target =
          new ProfileLoader(environment)
              .load(
                  options.profilesDir(),
                  options.projectDir(),
                  project.profile(),
                  options.target(),
                  project.vars());
      Map<String, Object> vars = new LinkedHashMap<>(project.vars());
      vars.putAll(cliVars);
      settings =
          new RunSettings(
              project,
              target,
              vars,
              environment,
              options.fullRefresh(),
              UUID.randomUUID().toString(),
              started,
              options.command().which(),
              reporter::line,
              InstalledPackages.varsByPackage(project, packages, cliVars));
      parsed = new ProjectParser(settings, packages).parse();
    } catch (ProjectException e) {
      reporter.line("Encountered an error:\n" + e.getMessage());
      return new InvocationResult(ExitCodes.USAGE, List.of());
    } catch (TemplateException | CompilerError e) {
      reporter.line("Encountered an error:\n" + e.getMessage());
      return new InvocationResult(ExitCodes.FAILURE, List.of());
    }
    Manifest manifest = parsed.manifest();
    reporter.line("Registered adapter: postgres");
    reporter.line(found(manifest));
    Path targetDir = settings.project().targetDirectory();
    ManifestWriter.write(
        targetDir.resolve("manifest.json"),
        ManifestWriter.document(manifest, settings.invocationId(), started, "postgres"));
    Set<String> selected;
    try {
      selected =
          new dev.taxiplatform.transform.graph.Selector(manifest)
              .select(options.select(), options.exclude());
    } catch (SelectorException e) {
      reporter.line("Encountered an error:\n" + e.getMessage());
      return new InvocationResult(ExitCodes.USAGE, List.of());
    }
    if (options.command() == Command.LS) {
      new NodeLister(out).list(manifest, options, selected);
      return new InvocationResult(ExitCodes.SUCCESS, List.of());
    }
    List<String> toRun =
        selected.stream()
            .filter(id -> options.command().types().contains(manifest.nodes().get(id).type()))
            .toList();
    int threads = options.threads().orElse(settings.target().threads());
    try (Warehouse warehouse = new Warehouse(settings.target())) {
      try (Session probe = warehouse.open()) {
        probe.query("select 1");
      } catch (DatabaseException e) {
        reporter.line(
            "Could not connect to %s:%d/%s as %s: %s"
                .formatted(
                    settings.target().host(),
                    settings.target().port(),
                    settings.target().database(),
                    settings.target().user(),
                    e.getMessage().replace("Database Error\n", "")));
        reporter.line(
            "Check the profile (%s, target %s) and that PostgreSQL is running."
                .formatted(settings.target().profileName(), settings.target().name()));
        return new InvocationResult(ExitCodes.UNREACHABLE, List.of());
      }
      if (options.command() == Command.RUN_OPERATION) {
        return new InvocationResult(
            new OperationRunner(reporter)
                .run(
                    options.operation().orElseThrow(),
                    parsed.engine(),
                    new NodeCompiler(settings, manifest, parsed.engine()),
                    warehouse),
            List.of());
      }
      if (options.command() == Command.DOCS_GENERATE) {
        return new InvocationResult(
            new DocsGenerator(reporter, settings, parsed, warehouse).generate(toRun, started),
            List.of());
      }
      ExecutionPlan plan = ExecutionPlan.of(manifest, toRun, options.command() == Command.BUILD);
      if (plan.order().isEmpty()) {
        reporter.line(
            "Nothing to do. Try checking your model configs and model specification args");
        writeRunResults(settings, manifest, List.of(), started, options);
        return new InvocationResult(ExitCodes.SUCCESS, List.of());
      }
      reporter.line("");
      reporter.line(
          "Concurrency: %d threads (target='%s')".formatted(threads, settings.target().name()));
      reporter.line("");
      NodeCompiler compiler = new NodeCompiler(settings, manifest, parsed.engine());
      NodeExecutor executor =
          new NodeExecutor(
              compiler,
              new ArtifactPaths(targetDir),
              new SeedLoader(settings.project().root(), options.fullRefresh()),
              options.fullRefresh(),
              clock,
              options.command() == Command.COMPILE
                  ? NodeExecutor.Mode.COMPILE
                  : NodeExecutor.Mode.EXECUTE);
      if (options.command() != Command.COMPILE) {
        try (Session session = warehouse.open()) {
          SchemaCreator.createFor(plan.order(), session);
        } catch (DatabaseException e) {
          reporter.line("Could not create the run's schemas: " + e.getMessage());
          return new InvocationResult(
              e.isConnectionFailure() ? ExitCodes.UNREACHABLE : ExitCodes.FAILURE, List.of());
        }
      }
      List<ProjectSettings> hookProjects = new ArrayList<>();
      hookProjects.add(settings.project());
      hookProjects.addAll(packages);
      RunHooks hooks = new RunHooks(compiler, warehouse, reporter, clock, hookProjects);
      boolean runsHooks = options.command() != Command.COMPILE;
      List<NodeResult> results;
      boolean hooksFailed;
      try {
        if (runsHooks
            && !hooks.run(RunHooks.Kind.ON_RUN_START, plan.order(), manifest, List.of())) {
          writeRunResults(settings, manifest, List.of(), started, options);
          return new InvocationResult(ExitCodes.FAILURE, List.of());
        }
        results =
            new DagRunner(executor, warehouse, reporter, threads, options.failFast()).run(plan);
        hooksFailed =
            runsHooks && !hooks.run(RunHooks.Kind.ON_RUN_END, plan.order(), manifest, results);
      } catch (DatabaseException e) {
        reporter.line("Lost the connection to the database: " + e.getMessage());
        return new InvocationResult(ExitCodes.UNREACHABLE, List.of());
      }
      writeRunResults(settings, manifest, results, started, options);
      if (options.command() == Command.COMPILE
          && results.size() == 1
          && results.get(0).compiledSql() != null) {
        reporter.line(
            "Compiled node '%s' is:"
                .formatted(manifest.nodes().get(results.get(0).uniqueId()).name()));
        out.println(results.get(0).compiledSql());
      }
      new RunSummary(reporter, manifest).print(results, Duration.between(started, clock.instant()));
      boolean failed =
          hooksFailed || results.stream().anyMatch(r -> !r.status().letsDependentsRun());
      return new InvocationResult(failed ? ExitCodes.FAILURE : ExitCodes.SUCCESS, results);
    }
  }

  private int deps(ConsoleReporter reporter, ProjectSettings project) {
    try {
      new Deps(environment, reporter::line).install(project);
      return ExitCodes.SUCCESS;
    } catch (DepsException e) {
      reporter.line("Encountered an error:\n" + e.getMessage());
      return e.unreachable() ? ExitCodes.UNREACHABLE : ExitCodes.FAILURE;
    }
  }

  private void writeRunResults(
      RunSettings settings,
      Manifest manifest,
      List<NodeResult> results,
      Instant started,
      InvocationOptions options) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("which", options.command().which());
    args.put("project_dir", options.projectDir().toString());
    args.put("select", options.select());
    args.put("exclude", options.exclude());
    args.put("full_refresh", options.fullRefresh());
    args.put("fail_fast", options.failFast());
    double elapsed = Duration.between(started, clock.instant()).toMillis() / 1000.0;
    RunResultsWriter.write(
        settings.project().targetDirectory().resolve("run_results.json"),
        RunResultsWriter.document(
            manifest, results, settings.invocationId(), clock.instant(), elapsed, args));
  }

  private static String found(Manifest manifest) {
    List<String> parts = new ArrayList<>();
    long models = manifest.count(ResourceType.MODEL);
    long tests = manifest.count(ResourceType.TEST);
    long seeds = manifest.count(ResourceType.SEED);
    long snapshots = manifest.count(ResourceType.SNAPSHOT);
    parts.add(plural(models, "model"));
    parts.add(plural(tests, "data test"));
    if (seeds > 0) {
      parts.add(plural(seeds, "seed"));
    }
    if (snapshots > 0) {
      parts.add(plural(snapshots, "snapshot"));
    }
    parts.add(plural(manifest.sources().size(), "source"));
    parts.add(plural(manifest.macros().size(), "macro"));
    return "Found " + String.join(", ", parts);
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** The kinds of nodes a run ran, for the "Finished running" line. */
  static String kinds(Manifest manifest, List<NodeResult> results) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (NodeResult result : results) {
      Node node = manifest.nodes().get(result.uniqueId());
      String kind =
          switch (node.type()) {
            case MODEL -> node.config().materialized() + " model";
            case SEED -> "seed";
            case SNAPSHOT -> "snapshot";
            case TEST -> "data test";
            case SOURCE -> "source";
          };
      counts.merge(kind, 1L, Long::sum);
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> plural(e.getValue(), e.getKey()))
        .collect(Collectors.joining(", "))
        .toLowerCase(Locale.ROOT);
  }
}
