package dev.taxiplatform.transform.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Failures skip dependents, name what failed, and set the exit code. */
@ExtendWith(PostgresExtension.class)
class FailureHandlingTest {

  private static Path project(TestDatabase database, Path dir, Map<String, String> files) {
    Projects.write(dir, Map.of("dbt_project.yml", "name: f\nprofile: f\nconfig-version: 2\n"));
    Projects.write(dir, files);
    database.writeProfile(dir, "f", "public", 2);
    return dir;
  }

  @Test
  void aFailedModelSkipsItsDependentsAndNamesTheFailingSql(
      TestDatabase database, @TempDir Path dir) {
    Path project =
        project(
            database,
            dir,
            Map.of(
                "models/broken.sql", "select 1 as id,\n       no_such_column as v",
                "models/downstream.sql", "select * from {{ ref('broken') }}",
                "models/further.sql", "select * from {{ ref('downstream') }}",
                "models/independent.sql", "select 1 as id"));

    EngineRun run = EngineRun.of(Map.of(), "run", "--project-dir", project.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.doneLine()).isEqualTo("Done. PASS=1 WARN=0 ERROR=1 SKIP=2 TOTAL=4");
    assertThat(run.lines())
        .contains("ERROR creating sql view model public.broken ")
        .contains("SKIP relation public.downstream ")
        .contains("SKIP relation public.further ")
        .contains(
            """
            Database Error in model broken (models/broken.sql)
              column "no_such_column" does not exist
              LINE 3:        no_such_column as v
                             ^""")
        .contains("compiled code at target/compiled/f/models/broken.sql");
    assertThat(database.value("select to_regclass('public.independent')")).isNotNull();
    assertThat(database.value("select to_regclass('public.downstream')")).isNull();
  }

  @Test
  void inBuildAFailingTestSkipsWhatIsBuiltOnTheTestedModel(
      TestDatabase database, @TempDir Path dir) {
    Path project =
        project(
            database,
            dir,
            Map.of(
                "models/orders.sql", "select 1 as id union all select 1",
                "models/orders.yml",
                    "version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        tests: [unique]\n",
                "models/order_stats.sql", "select count(*) as n from {{ ref('orders') }}"));

    EngineRun run = EngineRun.of(Map.of(), "build", "--project-dir", project.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.doneLine()).isEqualTo("Done. PASS=1 WARN=0 ERROR=1 SKIP=1 TOTAL=3");
    assertThat(run.lines())
        .contains("FAIL 1 unique_orders_id ")
        .contains("SKIP relation public.order_stats ");
  }

  @Test
  void failFastSkipsEverythingNotStarted(TestDatabase database, @TempDir Path dir) {
    Path project =
        project(
            database,
            dir,
            Map.of(
                "models/a_broken.sql", "select nope",
                "models/b.sql", "select 1 as id",
                "models/c.sql", "select 1 as id"));

    EngineRun run =
        EngineRun.of(
            Map.of(), "run", "--project-dir", project.toString(), "--threads", "1", "--fail-fast");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.doneLine()).isEqualTo("Done. PASS=0 WARN=0 ERROR=1 SKIP=2 TOTAL=3");
  }

  @Test
  void compilerErrorsNameTheFileAndLine(TestDatabase database, @TempDir Path dir) {
    Path project =
        project(
            database,
            dir,
            Map.of(
                "models/guarded.sql",
                "select 1 as id\n{% if execute %}\n{{ exceptions.raise_compiler_error('amounts must be positive') }}\n{% endif %}"));

    EngineRun run = EngineRun.of(Map.of(), "run", "--project-dir", project.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines())
        .contains(
            "Compilation Error in model guarded (models/guarded.sql line 3)\n  amounts must be positive");
  }

  @Test
  void aMissingRefNamesTheModelAndTheNearestNames(TestDatabase database, @TempDir Path dir) {
    Path project =
        project(
            database,
            dir,
            Map.of(
                "models/customers.sql", "select 1 as id",
                "models/orders.sql", "select * from {{ ref('customer') }}"));

    EngineRun run = EngineRun.of(Map.of(), "run", "--project-dir", project.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines())
        .contains(
            "model 'orders' (models/orders.sql) depends on a node named 'customer' which was not found. Nearest existing names: customers, orders");
  }

  @Test
  void unsupportedJinjaFailsWithFileAndLineInsteadOfRenderingEmpty(
      TestDatabase database, @TempDir Path dir) {
    Path project =
        project(database, dir, Map.of("models/odd.sql", "select 1 as id\n\n{{ 'x' | shout }}"));

    EngineRun run = EngineRun.of(Map.of(), "compile", "--project-dir", project.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines())
        .contains("Compilation Error in models/odd.sql (line 3): unknown filter 'shout'");
  }

  @Test
  void anUnreachableDatabaseExitsWithThree(@TempDir Path dir) {
    Projects.write(
        dir,
        Map.of(
            "dbt_project.yml",
            "name: f\nprofile: f\nconfig-version: 2\n",
            "models/a.sql",
            "select 1"));
    new TestDatabase("127.0.0.1", 1, "nothing", "nobody").writeProfile(dir, "f", "public", 1);

    EngineRun run = EngineRun.of(Map.of(), "run", "--project-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.lines()).contains("Could not connect to 127.0.0.1:1/nothing as nobody");
  }
}
