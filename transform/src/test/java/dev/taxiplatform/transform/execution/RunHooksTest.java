package dev.taxiplatform.transform.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code on-run-start}/{@code on-run-end} hooks with {@code schemas} and {@code results}; {@code
 * run-operation}.
 */
@ExtendWith(PostgresExtension.class)
class RunHooksTest {

  private static Path project(TestDatabase database, Path dir) {
    Projects.write(
        dir,
        Map.of(
            "dbt_project.yml",
            """
            name: hooks
            profile: hooks
            config-version: 2
            on-run-start:
              - "create table if not exists {{ target.schema }}.run_starts (schemas text)"
              - "insert into {{ target.schema }}.run_starts values ('{{ schemas | join(',') }}')"
            on-run-end:
              - >
                create table {{ target.schema }}.run_log as
                {% for result in results %}
                select '{{ result.node.unique_id }}'::text as unique_id,
                       '{{ result.status }}'::text as status,
                       {{ result.failures if result.failures is not none else 'null' }}::int as failures
                {% if not loop.last %}union all{% endif %}
                {% endfor %}
            """,
            "seeds/zones.csv",
            "zone_id,name\n1,Midtown\n2,Harlem\n2,Chelsea\n",
            "models/staging/stg_zones.sql",
            "{{ config(schema='staging') }}\nselect * from {{ ref('zones') }}",
            "models/broken.sql",
            "select * from a_table_that_does_not_exist",
            "models/after_broken.sql",
            "select * from {{ ref('broken') }}",
            "models/schema.yml",
            """
            version: 2
            models:
              - name: stg_zones
                columns:
                  - name: zone_id
                    data_tests: [unique, not_null]
            """,
            "macros/record_cleanup.sql",
            """
            {% macro record_cleanup(table_name, days=30) %}
              {% do run_query("create table if not exists " ~ target.schema ~ ".cleanups (table_name text, days int)") %}
              {% do run_query("insert into " ~ target.schema ~ ".cleanups values ('" ~ table_name ~ "', " ~ days ~ ")") %}
              {{ log("cleaned " ~ table_name, info=True) }}
            {% endmacro %}
            """));
    database.writeProfile(dir, "hooks", "analytics", 2);
    return dir;
  }

  @Test
  void onRunEndSeesEachNodesStatusAndOnRunStartTheRunsSchemas(
      TestDatabase database, @TempDir Path dir) {
    Path project = project(database, dir);

    EngineRun build = EngineRun.of(Map.of(), "build", "--project-dir", project.toString());

    assertThat(build.exitCode()).as(build.output()).isEqualTo(1);
    assertThat(build.lines())
        .contains("Running 2 on-run-start hooks")
        .containsPattern("1 of 2 OK hook: hooks\\.on-run-start\\.0 \\.+ \\[OK in ")
        .contains("Running 1 on-run-end hook")
        .containsPattern("1 of 1 OK hook: hooks\\.on-run-end\\.0 \\.+ \\[OK in ");
    assertThat(database.value("select schemas from analytics.run_starts"))
        .isEqualTo("analytics,analytics_staging");
    List<Map<String, Object>> log =
        database.rows("select unique_id, status, failures from analytics.run_log order by 1");
    assertThat(log)
        .extracting(
            row -> row.get("unique_id") + " " + row.get("status") + " " + row.get("failures"))
        .containsExactly(
            "model.hooks.after_broken skipped null",
            "model.hooks.broken error null",
            "model.hooks.stg_zones success null",
            "seed.hooks.zones success null",
            "test.hooks.not_null_stg_zones_zone_id.5a31514489 pass 0",
            "test.hooks.unique_stg_zones_zone_id.d4abdd7398 fail 1");
  }

  @Test
  void runOperationCallsAMacroWithItsArguments(TestDatabase database, @TempDir Path dir) {
    Path project = project(database, dir);
    database.execute("create schema analytics");

    EngineRun operation =
        EngineRun.of(
            Map.of(),
            "run-operation",
            "record_cleanup",
            "--args",
            "{table_name: trips, days: 7}",
            "--project-dir",
            project.toString());

    assertThat(operation.exitCode()).as(operation.output()).isZero();
    assertThat(operation.lines()).contains("cleaned trips");
    assertThat(database.rows("select table_name, days from analytics.cleanups"))
        .containsExactly(Map.of("table_name", "trips", "days", 7));

    EngineRun missing =
        EngineRun.of(
            Map.of(), "run-operation", "no_such_macro", "--project-dir", project.toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.lines())
        .contains("dbt could not find a macro with the name 'no_such_macro' in any package");
  }
}
