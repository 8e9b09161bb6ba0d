package dev.taxiplatform.transform.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Small but complete projects, written as dbt users write them, built end to end. */
@ExtendWith(PostgresExtension.class)
class ExampleProjectsTest {

  @Test
  void shopProjectBuildsSeedsStagingMartsAndTests(TestDatabase database, @TempDir Path temp)
      throws Exception {
    Path project = Projects.resource("shop", temp.resolve("shop"));
    database.writeProfile(project, "shop", "dev", 4);

    EngineRun run = EngineRun.of(Map.of(), "build", "--project-dir", project.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.lines()).contains("Found 5 models, 14 data tests, 3 seeds, 0 sources, ");
    assertThat(run.doneLine()).isEqualTo("Done. PASS=22 WARN=0 ERROR=0 SKIP=0 TOTAL=22");
    assertThat(run.lines())
        .contains("OK loaded seed file dev_raw.raw_customers")
        .contains("[INSERT 5 in ")
        .contains("OK created sql view model dev.stg_orders")
        .contains("OK created sql table model dev_analytics.customers");
    assertThat(
            database.rows(
                "select column_name, data_type from information_schema.columns"
                    + " where table_schema = 'dev_raw' and table_name in ('raw_customers', 'raw_payments')"
                    + " order by table_name, ordinal_position"))
        .containsExactly(
            Map.of("column_name", "id", "data_type", "integer"),
            Map.of("column_name", "first_name", "data_type", "text"),
            Map.of("column_name", "last_name", "data_type", "text"),
            Map.of("column_name", "signed_up_on", "data_type", "date"),
            Map.of("column_name", "id", "data_type", "integer"),
            Map.of("column_name", "order_id", "data_type", "integer"),
            Map.of("column_name", "payment_method", "data_type", "text"),
            Map.of("column_name", "amount_cents", "data_type", "bigint"),
            Map.of("column_name", "is_refund", "data_type", "boolean"));
    assertThat(database.rows("select order_id, amount from dev_analytics.orders order by order_id"))
        .extracting(r -> r.get("amount"))
        .containsExactly(
            new BigDecimal("10.00"),
            new BigDecimal("20.00"),
            new BigDecimal("0"),
            new BigDecimal("25.00"),
            new BigDecimal("17.00"),
            new BigDecimal("10.00"),
            new BigDecimal("30.00"));
    List<Map<String, Object>> customers =
        database.rows(
            "select customer_id, number_of_orders, lifetime_value, first_order, most_recent_order"
                + " from dev_analytics.customers order by customer_id");
    assertThat(customers).hasSize(5);
    assertThat(customers.get(0))
        .containsEntry("number_of_orders", 3L)
        .containsEntry("lifetime_value", new BigDecimal("45.00"))
        .containsEntry("first_order", Date.valueOf("2024-03-01"))
        .containsEntry("most_recent_order", Date.valueOf("2024-03-06"));
    assertThat(customers.get(2))
        .containsEntry("number_of_orders", 2L)
        .containsEntry("lifetime_value", new BigDecimal("50.00"));
    assertThat(customers.get(1)).containsEntry("number_of_orders", 0L);
    assertThat(
            Files.readString(
                project.resolve("target/compiled/shop/models/staging/stg_payments.sql")))
        .isEqualTo(
            """
            select
                id as payment_id,
                order_id,
                payment_method,
                round(amount_cents / 100.0, 2) as amount
            from "%s"."dev_raw"."raw_payments"
            where not is_refund"""
                .formatted(database.name()));
  }

  @Test
  void eventsProjectWithEphemeralIncrementalMergeDispatchRunQueryAndWarnings(
      TestDatabase database, @TempDir Path temp) {
    Path project = Projects.resource("events", temp.resolve("events"));
    database.writeProfile(project, "events", "analytics_dev", 2);
    database.execute(
        """
        create schema app_raw;
        create table app_raw.events (event_id integer, user_id integer, event_type text, occurred_at timestamp);
        insert into app_raw.events values
          (1, 1, 'click', '2024-05-01 10:00'), (2, 1, 'view', '2024-05-01 10:01'),
          (3, 1, 'purchase', '2024-05-01 10:02'), (4, 2, 'view', '2024-05-01 11:00'),
          (5, 2, 'view', '2024-05-01 11:05'), (6, 3, 'purchase', '2024-05-01 12:00'),
          (7, 3, 'refund', '2024-05-01 12:30'), (8, 3, 'refund', '2024-05-01 12:31');
        """);

    EngineRun run = EngineRun.of(Map.of(), "build", "--project-dir", project.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.lines()).contains("Found 3 models, 6 data tests, 1 seed, 1 source, ");
    assertThat(run.doneLine()).isEqualTo("Done. PASS=8 WARN=1 ERROR=0 SKIP=0 TOTAL=9");
    assertThat(run.lines())
        .contains("WARN 1 positive_user_scores_total_score")
        .contains("Warning in test positive_user_scores_total_score (models/reporting/schema.yml)")
        .contains("Got 1 result, configured to warn if != 0")
        .contains("OK created sql table model reporting.user_scores");
    assertThat(database.rows("select * from reporting.user_scores order by user_id"))
        .containsExactly(
            Map.of(
                "user_id",
                1,
                "engagement_score",
                new BigDecimal("4.0"),
                "revenue_score",
                new BigDecimal("20"),
                "total_score",
                new BigDecimal("24.0")),
            Map.of(
                "user_id",
                2,
                "engagement_score",
                new BigDecimal("2.0"),
                "revenue_score",
                new BigDecimal("0"),
                "total_score",
                new BigDecimal("2.0")),
            Map.of(
                "user_id",
                3,
                "engagement_score",
                new BigDecimal("0"),
                "revenue_score",
                new BigDecimal("-20"),
                "total_score",
                new BigDecimal("-20")));
    assertThat(database.value("select to_regclass('analytics_dev.int_events_typed')")).isNull();
    assertThat(database.value("select to_regclass('analytics_dev.legacy_report')")).isNull();

    database.execute(
        "insert into app_raw.events values (9, 2, 'purchase', '2024-05-02 09:00'), (10, 4, 'click', '2024-05-02 09:30')");
    EngineRun again = EngineRun.of(Map.of(), "run", "--project-dir", project.toString());
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.lines()).contains("[MERGE 2 in ");
    assertThat(database.count("analytics_dev.user_events")).isEqualTo(10);
    assertThat(database.value("select total_score from reporting.user_scores where user_id = 2"))
        .isEqualTo(new BigDecimal("22.0"));
  }
}
