package dev.taxiplatform.transform.invocation;

import dev.taxiplatform.transform.database.DatabaseException;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.Warehouse;
import dev.taxiplatform.transform.execution.ConsoleReporter;
import dev.taxiplatform.transform.project.ProfileLoader;
import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import dev.taxiplatform.transform.project.Target;
import java.util.Map;
import java.util.Objects;

/** The {@code debug} command: checks the project, the profile and the connection. */
final class DebugCheck {
  private final ConsoleReporter reporter;
  private final Map<String, String> environment;

  DebugCheck(ConsoleReporter reporter, Map<String, String> environment) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  int run(InvocationOptions options, ProjectSettings project, Map<String, Object> cliVars) {
    reporter.line("Configuration:");
    reporter.line(
        "  dbt_project.yml file [OK found and valid] (%s)"
            .formatted(project.root().resolve("dbt_project.yml")));
    Target target;
    try {
      target =
          new ProfileLoader(environment)
              .load(
                  options.profilesDir(),
                  options.projectDir(),
                  project.profile(),
                  options.target(),
                  project.vars());
      reporter.line("  profiles.yml file [OK found and valid]");
    } catch (ProjectException e) {
      reporter.line("  profiles.yml file [ERROR invalid]");
      reporter.line("  " + e.getMessage());
      return ExitCodes.USAGE;
    }
    reporter.line("Required dependencies:");
    reporter.line("  - PostgreSQL JDBC driver [OK found]");
    reporter.line("Connection:");
    reporter.line("  host: " + target.host());
    reporter.line("  port: " + target.port());
    reporter.line("  user: " + target.user());
    reporter.line("  database: " + target.database());
    reporter.line("  schema: " + target.schema());
    reporter.line("  threads: " + target.threads());
    try (Warehouse warehouse = new Warehouse(target);
        Session session = warehouse.open()) {
      Object version = session.query("show server_version").getRows().get(0).get(0);
      reporter.line("  server_version: " + version);
      reporter.line("  Connection test: [OK connection ok]");
    } catch (DatabaseException e) {
      reporter.line("  Connection test: [ERROR]");
      reporter.line("  " + e.getMessage().replace("\n", "\n  "));
      reporter.line("1 check failed: the database could not be reached.");
      return ExitCodes.UNREACHABLE;
    }
    reporter.line("All checks passed!");
    return ExitCodes.SUCCESS;
  }
}
