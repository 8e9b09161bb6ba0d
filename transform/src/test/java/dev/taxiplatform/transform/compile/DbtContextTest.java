package dev.taxiplatform.transform.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt's template context (ref, source, this, var, env_var, target, config, statements), compiled.
 */
@ExtendWith(PostgresExtension.class)
class DbtContextTest {

  @Test
  void compilesDbtFunctionsToTheExpectedSql(TestDatabase database, @TempDir Path dir)
      throws Exception {
    database.execute(
        "create schema raw; create table raw.items (id int, price numeric); insert into raw.items values (1, 2.5), (2, 4)");
    Projects.write(
        dir,
        Map.of(
            "dbt_project.yml",
            "name: ctx\nprofile: ctx\nconfig-version: 2\nvars:\n  threshold: 3\n  label: \"{{ env_var('LABEL', 'none') }}\"\nmodels:\n  ctx:\n    +schema: \"{{ env_var('SCHEMA_SUFFIX') }}\"\n",
            "models/sources.yml",
            "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: items\n",
            "models/base.sql",
            "select * from {{ source('raw', 'items') }}",
            "models/refs.sql",
            """
        {{ config(materialized='table', tags=['x']) }}
        -- {{ this }} in {{ target.schema }} ({{ target.name }}), materialized {{ config.get('materialized') }}
        select * from {{ ref('base') }} join {{ ref('ctx', 'base') }} using (id)
        where price > {{ var('threshold') }} and '{{ var('missing', 'dflt') }}' = 'dflt'
          and '{{ env_var('LABEL') }}' = '{{ var('label') }}' and {{ adapter.quote('id') }} > 0""",
            "models/stats.sql",
            """
        {% call statement('max_price', fetch_result=True) %}
          select max(price) as m from {{ source('raw', 'items') }}
        {% endcall %}
        {% set m = load_result('max_price')['data'][0][0] if execute else 0 %}
        {% do log('max price is ' ~ m, info=True) %}
        select {{ m }} as max_price{% if is_incremental() %} -- incremental{% endif %}"""));
    database.writeProfile(dir, "ctx", "analytics", 1);
    Map<String, String> environment = Map.of("LABEL", "blue", "SCHEMA_SUFFIX", "core");

    EngineRun compile =
        EngineRun.of(
            environment, "compile", "--project-dir", dir.toString(), "--vars", "{threshold: 1}");

    assertThat(compile.exitCode()).as(compile.output()).isZero();
    String db = database.name();
    assertThat(Files.readString(dir.resolve("target/compiled/ctx/models/refs.sql")))
        .isEqualTo(
            """

            -- "%s"."analytics_core"."refs" in analytics (dev), materialized table
            select * from "%s"."analytics_core"."base" join "%s"."analytics_core"."base" using (id)
            where price > 1 and 'dflt' = 'dflt'
              and 'blue' = 'blue' and "id" > 0"""
                .formatted(db, db, db));
    assertThat(Files.readString(dir.resolve("target/compiled/ctx/models/base.sql")))
        .isEqualTo("select * from \"%s\".\"raw\".\"items\"".formatted(db));
    assertThat(Files.readString(dir.resolve("target/compiled/ctx/models/stats.sql")).strip())
        .isEqualTo("select 4 as max_price");
    assertThat(compile.lines()).contains("max price is 4");
    assertThat(database.value("select to_regclass('analytics_core.refs')")).isNull();

    EngineRun one =
        EngineRun.of(environment, "compile", "--project-dir", dir.toString(), "--select", "base");
    assertThat(one.lines())
        .contains(
            "Compiled node 'base' is:\nselect * from \"%s\".\"raw\".\"items\"\n".formatted(db));
  }

  @Test
  void varsMayBeNullAsInDbt(TestDatabase database, @TempDir Path dir) throws Exception {
    Projects.write(
        dir,
        Map.of(
            "dbt_project.yml",
            "name: nulls\nprofile: nulls\nconfig-version: 2\nvars:\n  cutoff: null\n  label: x\n",
            "models/uses_nulls.sql",
            """
        select '{{ var('cutoff') }}' as cutoff, {{ var('cutoff') is none }} as cutoff_is_none,
          {{ var('label') is none }} as label_is_none, '{{ var('label') }}' as label"""));
    database.writeProfile(dir, "nulls", "analytics", 1);

    EngineRun compile =
        EngineRun.of(
            Map.of(), "compile", "--project-dir", dir.toString(), "--vars", "{label: null}");

    assertThat(compile.exitCode()).as(compile.output()).isZero();
    assertThat(Files.readString(dir.resolve("target/compiled/nulls/models/uses_nulls.sql")))
        .isEqualTo(
            """
            select '' as cutoff, True as cutoff_is_none,
              True as label_is_none, '' as label""");
  }
}
