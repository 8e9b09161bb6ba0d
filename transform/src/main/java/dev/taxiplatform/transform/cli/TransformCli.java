package dev.taxiplatform.transform.cli;

import dev.taxiplatform.transform.invocation.Command;
import dev.taxiplatform.transform.invocation.ExitCodes;
import dev.taxiplatform.transform.invocation.Invocation;
import dev.taxiplatform.transform.invocation.InvocationOptions;
import dev.taxiplatform.transform.invocation.Version;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The engine's command line, with dbt's commands and flags. */
@CommandLine.Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    versionProvider = TransformCli.VersionProvider.class,
    description = "Runs dbt projects written for dbt-postgres: SQL models, seeds and tests.",
    subcommands = {
      TransformCli.Run.class,
      TransformCli.Test.class,
      TransformCli.Build.class,
      TransformCli.Seed.class,
      TransformCli.Snapshot.class,
      TransformCli.Compile.class,
      TransformCli.Ls.class,
      TransformCli.Debug.class,
      TransformCli.Deps.class,
      TransformCli.RunOperation.class,
      TransformCli.Docs.class
    })
public final class TransformCli implements Callable<Integer> {
  private final PrintStream out;
  private final Map<String, String> environment;
  private final Clock clock;

  public TransformCli(PrintStream out, Map<String, String> environment, Clock clock) {
    this.out = out;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
  }

  /** Runs the command line {@code args} (without the leading {@code transform}). */
  public int execute(String... args) {
    CommandLine commandLine = new CommandLine(this);
    commandLine.setOut(new java.io.PrintWriter(out, true));
    commandLine.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    commandLine.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println(e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return ExitCodes.USAGE;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(out);
    return ExitCodes.USAGE;
  }

  int invoke(InvocationOptions options) {
    return new Invocation(out, environment, clock).run(options).exitCode();
  }

  /** The project and profile flags every command takes. */
  static final class ProjectOptions {
    @Option(
        names = "--project-dir",
        description = "The dbt project's directory (default: current).")
    Path projectDir = Path.of(".");

    @Option(
        names = "--profiles-dir",
        description = "Directory of profiles.yml (default: DBT_PROFILES_DIR, the project, ~/.dbt).")
    Path profilesDir;

    @Option(
        names = {"-t", "--target"},
        description = "The profile target to use.")
    String target;

    @Option(names = "--vars", description = "Variables as YAML, e.g. \"{key: value}\".")
    String vars = "";

    /**
     * The options with these flags' values: vars, and the profiles directory and target if given.
     */
    InvocationOptions applyTo(InvocationOptions options) {
      InvocationOptions applied = options.withVars(vars);
      if (profilesDir != null) {
        applied = applied.withProfilesDir(profilesDir);
      }
      return target == null ? applied : applied.withTarget(target);
    }
  }

  /** Selection and execution flags. */
  static final class RunOptions {
    @Option(
        names = {"-s", "--select", "-m", "--models"},
        arity = "1..*",
        description = "Nodes to include (dbt selector syntax).")
    List<String> select = new ArrayList<>();

    @Option(names = "--exclude", arity = "1..*", description = "Nodes to exclude.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--threads", description = "Number of threads (default: the profile's).")
    Integer threads;

    @Option(
        names = {"-x", "--fail-fast"},
        description = "Stop at the first failure.")
    boolean failFast;

    @Option(names = "--full-refresh", description = "Rebuild incremental models and reload seeds.")
    boolean fullRefresh;
  }

  abstract static class Base implements Callable<Integer> {
    @ParentCommand TransformCli parent;

    @Mixin ProjectOptions project = new ProjectOptions();

    @Mixin RunOptions run = new RunOptions();

    abstract Command command();

    InvocationOptions options() {
      return new InvocationOptions(
          command(),
          project.projectDir,
          Optional.ofNullable(project.profilesDir),
          Optional.ofNullable(project.target),
          run.select,
          run.exclude,
          run.fullRefresh,
          Optional.ofNullable(run.threads),
          project.vars,
          run.failFast,
          List.of(),
          "selector",
          Optional.empty());
    }

    @Override
    public Integer call() {
      return parent.invoke(options());
    }
  }

  @CommandLine.Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Build the selected models.")
  static final class Run extends Base {
    @Override
    Command command() {
      return Command.RUN;
    }
  }

  @CommandLine.Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = "Run the selected data tests.")
  static final class Test extends Base {
    @Override
    Command command() {
      return Command.TEST;
    }
  }

  @CommandLine.Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description =
          "Seeds, models and tests in DAG order; a failing test skips what depends on it.")
  static final class Build extends Base {
    @Override
    Command command() {
      return Command.BUILD;
    }
  }

  @CommandLine.Command(
      name = "seed",
      mixinStandardHelpOptions = true,
      description = "Load the selected seeds.")
  static final class Seed extends Base {
    @Override
    Command command() {
      return Command.SEED;
    }
  }

  @CommandLine.Command(
      name = "snapshot",
      mixinStandardHelpOptions = true,
      description = "Record the selected snapshots (type-2 history of changing source rows).")
  static final class Snapshot extends Base {
    @Override
    Command command() {
      return Command.SNAPSHOT;
    }
  }

  @CommandLine.Command(
      name = "compile",
      mixinStandardHelpOptions = true,
      description = "Write the compiled SQL of the selected models and tests to target/compiled.")
  static final class Compile extends Base {
    @Override
    Command command() {
      return Command.COMPILE;
    }
  }

  @CommandLine.Command(
      name = "ls",
      aliases = "list",
      mixinStandardHelpOptions = true,
      description = "List the selected resources.")
  static final class Ls extends Base {
    @Option(names = "--resource-type", arity = "1..*", description = "model, seed, test or source.")
    List<String> resourceTypes = new ArrayList<>();

    @Option(
        names = {"-o", "--output"},
        description = "selector (default), name, path or json.")
    String output = "selector";

    @Override
    Command command() {
      return Command.LS;
    }

    @Override
    InvocationOptions options() {
      return super.options().withOutput(output, resourceTypes);
    }
  }

  @CommandLine.Command(
      name = "debug",
      mixinStandardHelpOptions = true,
      description = "Check the project, the profile and the connection.")
  static final class Debug implements Callable<Integer> {
    @ParentCommand TransformCli parent;

    @Mixin ProjectOptions project = new ProjectOptions();

    @Override
    public Integer call() {
      return parent.invoke(
          project.applyTo(InvocationOptions.defaults(Command.DEBUG, project.projectDir)));
    }
  }

  @CommandLine.Command(
      name = "deps",
      mixinStandardHelpOptions = true,
      description =
          "Install the packages of packages.yml (or dependencies.yml) into dbt_packages/ and write"
              + " package-lock.yml; with an up-to-date lock file, install what it pins.")
  static final class Deps implements Callable<Integer> {
    @ParentCommand TransformCli parent;

    @Mixin ProjectOptions project = new ProjectOptions();

    @Override
    public Integer call() {
      return parent.invoke(
          InvocationOptions.defaults(Command.DEPS, project.projectDir).withVars(project.vars));
    }
  }

  @CommandLine.Command(
      name = "run-operation",
      mixinStandardHelpOptions = true,
      description =
          "Run a macro (e.g. one that grants or cleans up), with --args as its arguments.")
  static final class RunOperation implements Callable<Integer> {
    @ParentCommand TransformCli parent;

    @Mixin ProjectOptions project = new ProjectOptions();

    @CommandLine.Parameters(
        index = "0",
        paramLabel = "MACRO",
        description = "The macro's name (package.name for a package's).")
    String macro;

    @Option(names = "--args", description = "The macro's arguments as YAML, e.g. \"{days: 7}\".")
    String args = "";

    @Override
    public Integer call() {
      return parent.invoke(
          project.applyTo(
              InvocationOptions.defaults(Command.RUN_OPERATION, project.projectDir)
                  .withOperation(new InvocationOptions.Operation(macro, args))));
    }
  }

  @CommandLine.Command(
      name = "docs",
      mixinStandardHelpOptions = true,
      description = "Documentation.",
      subcommands = Docs.Generate.class)
  static final class Docs implements Callable<Integer> {
    @ParentCommand TransformCli parent;

    @Override
    public Integer call() {
      new CommandLine(this).usage(parent.out);
      return ExitCodes.USAGE;
    }

    @CommandLine.Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write manifest.json, catalog.json and a static index.html to target/.")
    static final class Generate implements Callable<Integer> {
      @ParentCommand Docs docs;

      @Mixin ProjectOptions project = new ProjectOptions();

      @Mixin RunOptions run = new RunOptions();

      @Override
      public Integer call() {
        InvocationOptions options =
            new InvocationOptions(
                Command.DOCS_GENERATE,
                project.projectDir,
                Optional.ofNullable(project.profilesDir),
                Optional.ofNullable(project.target),
                run.select,
                run.exclude,
                false,
                Optional.ofNullable(run.threads),
                project.vars,
                false,
                List.of(),
                "selector",
                Optional.empty());
        return docs.parent.invoke(options);
      }
    }
  }

  /** {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"taxi-transform " + Version.current() + " (dbt-compatible, postgres)"};
    }
  }
}
