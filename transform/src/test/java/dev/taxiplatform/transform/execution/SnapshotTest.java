package dev.taxiplatform.transform.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots over three loads of a source (an update, an unchanged row, a delete, a new row, then
 * another update and the deleted row's return) produce exactly the type-2 rows written out by hand
 * below, for the timestamp strategy (a Jinja-block snapshot) and the check strategy (a YAML one).
 */
@ExtendWith(PostgresExtension.class)
class SnapshotTest {
  private static final String T1 = "2026-01-01 00:00:00";
  private static final String T2 = "2026-01-02 00:00:00";
  private static final String T3 = "2026-01-03 00:00:00";

  private static final List<String> LOAD_1 =
      List.of(
          "(1, 'Ann', 'gold', '2026-01-01 10:00:00')",
          "(2, 'Bob', 'silver', '2026-01-01 11:00:00')",
          "(3, 'Cid', 'bronze', '2026-01-01 12:00:00')");
  private static final List<String> LOAD_2 =
      List.of(
          "(1, 'Ann', 'platinum', '2026-01-02 09:00:00')",
          "(2, 'Bob', 'silver', '2026-01-01 11:00:00')",
          "(4, 'Dee', 'gold', '2026-01-02 10:00:00')");
  private static final List<String> LOAD_3 =
      List.of(
          "(1, 'Ann', 'platinum', '2026-01-02 09:00:00')",
          "(2, 'Bob', 'gold', '2026-01-03 08:00:00')",
          "(3, 'Cid', 'bronze', '2026-01-03 09:00:00')",
          "(4, 'Dee', 'gold', '2026-01-02 10:00:00')");

  private TestDatabase database;
  private Path project;

  @BeforeEach
  void project(TestDatabase database, @TempDir Path dir) {
    this.database = database;
    database.execute(
        "create schema raw; create table raw.customers"
            + " (id int, name text, tier text, updated_at timestamp)");
    Projects.write(
        dir,
        Map.of(
            "dbt_project.yml",
            "name: history\nprofile: history\nconfig-version: 2\n",
            "models/sources.yml",
            "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: customers\n",
            "models/current_customers.sql",
            "select id, tier from {{ ref('customers_ts') }} where dbt_valid_to is null",
            "snapshots/customers_ts.sql",
            """
            {% snapshot customers_ts %}
            {{ config(target_schema='snapshots', unique_key='id', strategy='timestamp',
                      updated_at='updated_at', invalidate_hard_deletes=True) }}
            select * from {{ source('raw', 'customers') }}
            {% endsnapshot %}
            """,
            "snapshots/snapshots.yml",
            """
            snapshots:
              - name: customers_check
                relation: source('raw', 'customers')
                config:
                  schema: history
                  unique_key: id
                  strategy: check
                  check_cols: [name, tier]
                  hard_deletes: invalidate
              - name: customers_deletions
                relation: source('raw', 'customers')
                config:
                  schema: history
                  unique_key: id
                  strategy: timestamp
                  updated_at: updated_at
                  hard_deletes: new_record
            """,
            // The snapshot time comes from the run, so the expected rows can name it.
            "macros/snapshot_time.sql",
            "{% macro postgres__snapshot_get_time() -%}\n"
                + "  '{{ var(\"load_time\") }}'::timestamp\n{%- endmacro %}\n"));
    database.writeProfile(dir, "history", "analytics", 2);
    this.project = dir;
  }

  private EngineRun load(List<String> rows, String time) {
    database.execute(
        "truncate raw.customers; insert into raw.customers values " + String.join(", ", rows));
    EngineRun build =
        EngineRun.of(
            Map.of(),
            "build",
            "--vars",
            "{load_time: '%s'}".formatted(time),
            "--project-dir",
            project.toString());
    assertThat(build.exitCode()).as(build.output()).isZero();
    return build;
  }

  @Test
  void threeLoadsGiveTheTypeTwoRowsOfBothStrategies() throws Exception {
    EngineRun first = load(LOAD_1, T1);
    assertThat(first.lines())
        .contains("OK snapshotted snapshot snapshots.customers_ts")
        .contains("OK snapshotted snapshot analytics_history.customers_check");
    assertThat(first.lines().indexOf("START snapshot snapshots.customers_ts"))
        .isLessThan(first.lines().indexOf("START sql view model analytics.current_customers"));
    load(LOAD_2, T2);
    EngineRun third = load(LOAD_3, T3);
    assertThat(third.doneLine()).isEqualTo("Done. PASS=4 WARN=0 ERROR=0 SKIP=0 TOTAL=4");

    assertThat(history("snapshots.customers_ts"))
        .containsExactly(
            row(1, "Ann", "gold", "2026-01-01 10:00:00", "2026-01-02 09:00:00"),
            row(1, "Ann", "platinum", "2026-01-02 09:00:00", null),
            row(2, "Bob", "silver", "2026-01-01 11:00:00", "2026-01-03 08:00:00"),
            row(2, "Bob", "gold", "2026-01-03 08:00:00", null),
            row(3, "Cid", "bronze", "2026-01-01 12:00:00", T2),
            row(3, "Cid", "bronze", "2026-01-03 09:00:00", null),
            row(4, "Dee", "gold", "2026-01-02 10:00:00", null));
    assertThat(history("analytics_history.customers_check"))
        .containsExactly(
            row(1, "Ann", "gold", T1, T2),
            row(1, "Ann", "platinum", T2, null),
            row(2, "Bob", "silver", T1, T3),
            row(2, "Bob", "gold", T3, null),
            row(3, "Cid", "bronze", T1, T2),
            row(3, "Cid", "bronze", T3, null),
            row(4, "Dee", "gold", T2, null));
    // With hard_deletes: new_record, a deletion is a row of its own, closed when the key returns.
    assertThat(
            database
                .rows(
                    "select id, dbt_valid_from::text as valid_from, dbt_valid_to::text as valid_to,"
                        + " dbt_is_deleted, dbt_scd_id from analytics_history.customers_deletions"
                        + " order by id, dbt_valid_from")
                .stream()
                .map(r -> String.join(" ", r.values().stream().map(String::valueOf).toList()))
                .toList())
        .containsExactly(
            "1 2026-01-01 10:00:00 2026-01-02 09:00:00 False " + md5("1|2026-01-01 10:00:00"),
            "1 2026-01-02 09:00:00 null False " + md5("1|2026-01-02 09:00:00"),
            "2 2026-01-01 11:00:00 2026-01-03 08:00:00 False " + md5("2|2026-01-01 11:00:00"),
            "2 2026-01-03 08:00:00 null False " + md5("2|2026-01-03 08:00:00"),
            "3 2026-01-01 12:00:00 2026-01-02 00:00:00 False " + md5("3|2026-01-01 12:00:00"),
            "3 2026-01-02 00:00:00 2026-01-03 09:00:00 True " + md5("3|2026-01-02 00:00:00"),
            "3 2026-01-03 09:00:00 null False " + md5("3|2026-01-03 09:00:00"),
            "4 2026-01-02 10:00:00 null False " + md5("4|2026-01-02 10:00:00"));
    assertThat(
            database.value(
                "select string_agg(id || ':' || tier, ',' order by id)"
                    + " from analytics.current_customers"))
        .isEqualTo("1:platinum,2:gold,3:bronze,4:gold");
  }

  /** The expected row: dbt_updated_at is dbt_valid_from, dbt_scd_id the hash of key and time. */
  private static String row(int id, String name, String tier, String validFrom, String validTo)
      throws Exception {
    return String.join(
        " ",
        String.valueOf(id),
        name,
        tier,
        validFrom,
        String.valueOf(validTo),
        validFrom,
        md5(id + "|" + validFrom));
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private List<String> history(String relation) {
    List<String> rows = new ArrayList<>();
    for (Map<String, Object> row :
        database.rows(
            ("select id, name, tier, dbt_valid_from::text as valid_from,"
                    + " dbt_valid_to::text as valid_to, dbt_updated_at::text as updated,"
                    + " dbt_scd_id from %s order by id, dbt_valid_from")
                .formatted(relation))) {
      rows.add(
          String.join(
              " ",
              String.valueOf(row.get("id")),
              String.valueOf(row.get("name")),
              String.valueOf(row.get("tier")),
              String.valueOf(row.get("valid_from")),
              String.valueOf(row.get("valid_to")),
              String.valueOf(row.get("updated")),
              String.valueOf(row.get("dbt_scd_id"))));
    }
    return rows;
  }
}
