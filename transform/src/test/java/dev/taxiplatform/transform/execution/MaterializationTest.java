package dev.taxiplatform.transform.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each materialization against a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class MaterializationTest {

  private static Path project(TestDatabase database, Path dir, Map<String, String> files) {
    Projects.write(dir, Map.of("dbt_project.yml", "name: mat\nprofile: mat\nconfig-version: 2\n"));
    Projects.write(dir, files);
    database.writeProfile(dir, "mat", "public", 1);
    return dir;
  }

  private static EngineRun run(Path project, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--project-dir";
    all[args.length + 1] = project.toString();
    return EngineRun.of(Map.of(), all);
  }

  @Test
  void viewIsReplacedAndATableInItsPlaceBecomesAView(TestDatabase database, @TempDir Path dir) {
    database.execute("create table public.numbers as select 1 as n");
    Path project = project(database, dir, Map.of("models/numbers.sql", "select 2 as n"));

    EngineRun run = run(project, "run");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.lines())
        .contains("1 of 1 OK created sql view model public.numbers")
        .contains("[CREATE VIEW in ");
    assertThat(
            database.value(
                "select table_type from information_schema.tables where table_name = 'numbers'"))
        .isEqualTo("VIEW");
    assertThat(database.value("select n from public.numbers")).isEqualTo(2);
    assertThat(database.value("select count(*) from pg_class where relname like 'numbers__dbt%'"))
        .isEqualTo(0L);
  }

  @Test
  void tableIsRebuiltWithTheNewRows(TestDatabase database, @TempDir Path dir) throws Exception {
    Path project =
        project(
            database,
            dir,
            Map.of(
                "models/squares.sql",
                "{{ config(materialized='table') }}\nselect n, n * n as square from generate_series(1, {{ var('n', 3) }}) as n"));

    assertThat(run(project, "run").lines())
        .contains("OK created sql table model public.squares")
        .contains("[SELECT 3 in ");
    EngineRun again = run(project, "run", "--vars", "{n: 5}");

    assertThat(again.lines()).contains("[SELECT 5 in ");
    assertThat(database.value("select sum(square) from public.squares")).isEqualTo(55L);
    assertThat(
            database.value(
                "select table_type from information_schema.tables where table_name = 'squares'"))
        .isEqualTo("BASE TABLE");
    assertThat(Files.readString(project.resolve("target/run/mat/models/squares.sql")))
        .startsWith(
            "create table \"public\".\"squares__dbt_tmp\" as (\n\nselect n, n * n as square from generate_series(1, 5) as n\n);");
  }

  @Test
  void incrementalAppendAddsRowsAndFullRefreshRebuilds(TestDatabase database, @TempDir Path dir) {
    database.execute(
        "create table public.raw (id int, v text); insert into public.raw values (1, 'a'), (2, 'b')");
    Path project =
        project(
            database,
            dir,
            Map.of(
                "models/sources.yml",
                "version: 2\nsources:\n  - name: src\n    schema: public\n    tables:\n      - name: raw\n",
                "models/inc.sql",
                """
            {{ config(materialized='incremental') }}
            select id, v from {{ source('src', 'raw') }}
            {% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}
            """));

    assertThat(run(project, "run").lines()).contains("[SELECT 2 in ");
    database.execute("insert into public.raw values (3, 'c')");
    assertThat(run(project, "run").lines()).contains("[INSERT 0 1 in ");
    assertThat(database.rows("select id from public.inc order by id"))
        .extracting(r -> r.get("id"))
        .containsExactly(1, 2, 3);

    database.execute("delete from public.raw where id = 1");
    assertThat(run(project, "run", "--full-refresh").lines()).contains("[SELECT 2 in ");
    assertThat(database.rows("select id from public.inc order by id"))
        .extracting(r -> r.get("id"))
        .containsExactly(2, 3);
  }

  @Test
  void incrementalDeleteInsertAndMergeReplaceRowsByUniqueKey(
      TestDatabase database, @TempDir Path dir) {
    database.execute(
        "create table public.raw (id int, v text); insert into public.raw values (1, 'a'), (2, 'b')");
    String body = "select id, v from public.raw";
    Path project =
        project(
            database,
            dir,
            Map.of(
                "models/by_delete.sql",
                    "{{ config(materialized='incremental', unique_key='id') }}\n" + body,
                "models/by_merge.sql",
                    "{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge') }}\n"
                        + body,
                "models/by_keys.sql",
                    "{{ config(materialized='incremental', unique_key=['id', 'v'], incremental_strategy='delete+insert') }}\n"
                        + body));
    assertThat(run(project, "run").exitCode()).isZero();
    database.execute(
        "update public.raw set v = 'B' where id = 2; insert into public.raw values (3, 'c')");

    EngineRun again = run(project, "run");

    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.lines()).contains("[MERGE 3 in ");
    List<Object> expected = List.of("a", "B", "c");
    assertThat(database.rows("select v from public.by_delete order by id"))
        .extracting(r -> r.get("v"))
        .isEqualTo(expected);
    assertThat(database.rows("select v from public.by_merge order by id"))
        .extracting(r -> r.get("v"))
        .isEqualTo(expected);
    assertThat(database.rows("select id, v from public.by_keys order by id, v collate \"C\""))
        .extracting(r -> r.get("v"))
        .containsExactly("a", "B", "b", "c");
  }

  @Test
  void onSchemaChangeIgnoreFailAppendAndSync(TestDatabase database, @TempDir Path dir)
      throws Exception {
    database.execute(
        "create table public.raw (id int, a text); insert into public.raw values (1, 'x')");
    Map<String, String> models =
        Map.of(
            "models/ignored.sql",
                "{{ config(materialized='incremental', on_schema_change='ignore') }}\nselect * from public.raw{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}",
            "models/failing.sql",
                "{{ config(materialized='incremental', on_schema_change='fail') }}\nselect * from public.raw{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}",
            "models/appended.sql",
                "{{ config(materialized='incremental', on_schema_change='append_new_columns') }}\nselect * from public.raw{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}",
            "models/synced.sql",
                "{{ config(materialized='incremental', on_schema_change='sync_all_columns') }}\nselect id, b from public.raw{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}");
    Path project = project(database, dir, models);
    Files.writeString(
        project.resolve("models/synced.sql"),
        "{{ config(materialized='incremental', on_schema_change='sync_all_columns') }}\nselect * from public.raw{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}");
    assertThat(run(project, "run").exitCode()).isZero();
    database.execute(
        "alter table public.raw add column b int; insert into public.raw values (2, 'y', 7)");
    Files.writeString(
        project.resolve("models/synced.sql"),
        "{{ config(materialized='incremental', on_schema_change='sync_all_columns') }}\nselect id, b from public.raw{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}");

    EngineRun again = run(project, "run");

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.doneLine()).isEqualTo("Done. PASS=3 WARN=0 ERROR=1 SKIP=0 TOTAL=4");
    assertThat(again.lines())
        .contains("Compilation Error in model failing (models/failing.sql)")
        .contains(
            "The source and target schemas on this incremental model are out of sync: public.failing. New columns: b; removed columns: none.");
    assertThat(
            database.rows(
                "select column_name from information_schema.columns where table_name = 'ignored' order by ordinal_position"))
        .extracting(r -> r.get("column_name"))
        .containsExactly("id", "a");
    assertThat(database.count("public.ignored")).isEqualTo(2);
    assertThat(database.rows("select id, a, b from public.appended order by id"))
        .extracting(r -> r.get("a") + "/" + r.get("b"))
        .containsExactly("x/null", "y/7");
    assertThat(
            database.rows(
                "select column_name from information_schema.columns where table_name = 'synced' order by ordinal_position"))
        .extracting(r -> r.get("column_name"))
        .containsExactly("id", "b");
    assertThat(database.count("public.failing")).isEqualTo(1);
  }

  @Test
  void ephemeralModelsAreInlinedAsCtesAndNeverBuilt(TestDatabase database, @TempDir Path dir)
      throws Exception {
    Path project =
        project(
            database,
            dir,
            Map.of(
                "models/base.sql", "{{ config(materialized='ephemeral') }}\nselect 1 as id",
                "models/middle.sql",
                    "{{ config(materialized='ephemeral') }}\nselect id + 1 as id from {{ ref('base') }}",
                "models/final.sql",
                    "with doubled as (select id * 2 as id from {{ ref('middle') }})\nselect * from doubled"));

    EngineRun run = run(project, "run");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.doneLine()).isEqualTo("Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1");
    assertThat(database.value("select id from public.final")).isEqualTo(4);
    assertThat(database.value("select to_regclass('public.base')")).isNull();
    assertThat(Files.readString(project.resolve("target/compiled/mat/models/final.sql")))
        .isEqualTo(
            """
            with __dbt__cte__base as (

            select 1 as id
            ),  __dbt__cte__middle as (

            select id + 1 as id from __dbt__cte__base
            ), doubled as (select id * 2 as id from __dbt__cte__middle)
            select * from doubled""");
  }

  @Test
  void hooksRunBeforeAndAfterTheModelInItsContext(TestDatabase database, @TempDir Path dir) {
    database.execute("create table public.audit (event text)");
    Path project =
        project(
            database,
            dir,
            Map.of(
                "dbt_project.yml",
                "name: mat\nprofile: mat\nconfig-version: 2\nmodels:\n  mat:\n    +post-hook: \"insert into public.audit values ('project: {{ this }}')\"\n",
                "models/hooked.sql",
                "{{ config(materialized='table', pre_hook=\"insert into public.audit values ('before {{ this.name }}')\","
                    + " post_hook=[\"insert into public.audit select 'after: ' || count(*) from {{ this }}\"]) }}\n"
                    + "select 1 as id union all select 2"));

    EngineRun run = run(project, "run");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(database.rows("select event from public.audit"))
        .extracting(r -> r.get("event"))
        .containsExactly(
            "before hooked",
            "project: \"%s\".\"public\".\"hooked\"".formatted(database.name()),
            "after: 2");
  }
}
