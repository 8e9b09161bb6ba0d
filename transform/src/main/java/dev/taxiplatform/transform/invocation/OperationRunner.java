package dev.taxiplatform.transform.invocation;

import dev.taxiplatform.transform.compile.CompilerError;
import dev.taxiplatform.transform.compile.NodeCompiler;
import dev.taxiplatform.transform.database.DatabaseException;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.Warehouse;
import dev.taxiplatform.transform.execution.ConsoleReporter;
import dev.taxiplatform.transform.jinja.JinjaEngine;
import dev.taxiplatform.transform.jinja.TemplateException;
import dev.taxiplatform.transform.jinja.TemplateSource;
import dev.taxiplatform.transform.parse.JinjaLiterals;
import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.YamlReader;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code run-operation} command: calls one macro, with {@code --args}, against the database.
 */
final class OperationRunner {
  private final ConsoleReporter reporter;

  OperationRunner(ConsoleReporter reporter) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
  }

  int run(
      InvocationOptions.Operation operation,
      JinjaEngine engine,
      NodeCompiler compiler,
      Warehouse warehouse) {
    String macro = operation.macro();
    int dot = macro.indexOf('.');
    boolean defined =
        dot < 0
            ? engine.hasMacro(macro)
            : engine.macro(macro.substring(0, dot), macro.substring(dot + 1)).isPresent();
    if (!defined) {
      reporter.line(
          "Encountered an error while running operation: Compilation Error\n  dbt could not find a"
              + " macro with the name '%s' in any package".formatted(macro));
      return ExitCodes.FAILURE;
    }
    Map<String, Object> args;
    try {
      args = new YamlReader().parseVars(operation.args());
    } catch (ProjectException e) {
      reporter.line("Encountered an error:\n" + e.getMessage().replace("--vars", "--args"));
      return ExitCodes.USAGE;
    }
    StringBuilder call = new StringBuilder("{{ ").append(macro).append("(");
    String separator = "";
    for (Map.Entry<String, Object> arg : args.entrySet()) {
      call.append(separator)
          .append(arg.getKey())
          .append("=")
          .append(JinjaLiterals.literal(arg.getValue()));
      separator = ", ";
    }
    call.append(") }}");
    try (Session session = warehouse.open()) {
      compiler.renderOperation(
          new TemplateSource("run-operation " + macro, call.toString()), Map.of(), session);
      return ExitCodes.SUCCESS;
    } catch (TemplateException | CompilerError e) {
      reporter.line("Encountered an error while running operation: " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (DatabaseException e) {
      reporter.line("Encountered an error while running operation: " + e.getMessage());
      return e.isConnectionFailure() ? ExitCodes.UNREACHABLE : ExitCodes.FAILURE;
    }
  }
}
