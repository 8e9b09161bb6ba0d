package dev.taxiplatform.transform.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** dbt's selection syntax, checked with {@code ls} (which needs no database). */
class SelectionTest {
  @TempDir static Path project;

  @BeforeAll
  static void writeProject() {
    Projects.write(
        project,
        Map.of(
            "dbt_project.yml",
            """
        name: sel
        profile: sel
        config-version: 2
        models:
          sel:
            marts:
              +tags: ["daily"]
              +materialized: table
        """,
            "models/staging/sources.yml",
            "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n      - name: customers\n",
            "models/staging/stg_orders.sql",
            "select * from {{ source('raw', 'orders') }}",
            "models/staging/stg_customers.sql",
            "select * from {{ source('raw', 'customers') }}",
            "models/marts/orders.sql",
            "select * from {{ ref('stg_orders') }} join {{ ref('stg_customers') }} using (id)",
            "models/marts/revenue.sql",
            "{{ config(tags=['finance']) }}\nselect * from {{ ref('orders') }}",
            "models/marts/schema.yml",
            "version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        tests: [unique]\n",
            "models/reports/report.sql",
            "select * from {{ ref('revenue') }}"));
    new TestDatabase("127.0.0.1", 1, "unused", "nobody").writeProfile(project, "sel", "public", 1);
  }

  private static List<String> ls(String... selection) {
    String[] args = new String[selection.length + 5];
    args[0] = "ls";
    args[1] = "--project-dir";
    args[2] = project.toString();
    args[3] = "--output";
    args[4] = "name";
    System.arraycopy(selection, 0, args, 5, selection.length);
    EngineRun run = EngineRun.of(Map.of(), args);
    assertThat(run.exitCode()).as(run.output()).isZero();
    return run.lines()
        .lines()
        .filter(
            l ->
                !l.startsWith("Running with")
                    && !l.startsWith("Registered")
                    && !l.startsWith("Found"))
        .sorted()
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--select orders|orders unique_orders_id",
        "--select marts|orders revenue unique_orders_id",
        "--select models/staging|stg_customers stg_orders",
        "--select path:models/reports/report.sql|report",
        "--select tag:daily|orders revenue unique_orders_id",
        "--select tag:finance|revenue",
        "--select +orders|orders stg_customers stg_orders unique_orders_id",
        "--select orders+|orders report revenue unique_orders_id",
        "--select 1+revenue|orders revenue unique_orders_id",
        "--select revenue+1|report revenue",
        "--select @stg_orders|orders report revenue stg_customers stg_orders unique_orders_id",
        "--select source:raw.orders+|orders report revenue stg_orders unique_orders_id",
        "--select source:raw+1|stg_customers stg_orders",
        "--select stg_orders report|report stg_orders",
        "--select tag:daily,config.materialized:table,revenue|revenue",
        "--select marts --exclude revenue|orders unique_orders_id",
        "--select stg_*|stg_customers stg_orders",
        "--select resource_type:test|unique_orders_id",
        "--select test_type:generic|unique_orders_id",
        "--select fqn:sel.reports.report|report",
      })
  void selects(String arguments, String expected) {
    assertThat(ls(arguments.split(" ")))
        .containsExactlyElementsOf(List.of(expected.split(" ")).stream().sorted().toList());
  }

  @Test
  void listsSourcesAndEverythingByDefault() {
    assertThat(ls())
        .containsExactly(
            "orders",
            "raw.customers",
            "raw.orders",
            "report",
            "revenue",
            "stg_customers",
            "stg_orders",
            "unique_orders_id");
  }

  @Test
  void anUnknownSelectorMethodIsBadUsage() {
    EngineRun run =
        EngineRun.of(
            Map.of(), "ls", "--project-dir", project.toString(), "--select", "state:modified");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.lines()).contains("Unknown selector method 'state' in 'state:modified'");
  }
}
