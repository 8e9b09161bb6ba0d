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

/** The generic and singular tests with their configs, with pass, warn and fail as dbt. */
@ExtendWith(PostgresExtension.class)
class DataTestsTest {

  private static final String PROPERTIES =
      """
      version: 2
      sources:
        - name: hr
          schema: hr
          tables:
            - name: teams
      models:
        - name: people
          columns:
            - name: id
              data_tests:
                - unique
                - unique:
                    name: unique_id_tolerated
                    config: {warn_if: "> 0", error_if: "> 5"}
            - name: name
              data_tests:
                - not_null
                - not_null:
                    name: name_not_null_except_id_4
                    config: {where: "id <> 4"}
                - not_null:
                    name: name_not_null_warning
                    config: {severity: warn}
            - name: status
              data_tests:
                - accepted_values:
                    values: ['active', 'inactive']
                    config: {store_failures: true}
            - name: team_id
              data_tests:
                - accepted_values:
                    name: team_id_known
                    values: [1, 2]
                    quote: false
                - relationships:
                    to: source('hr', 'teams')
                    field: id
                - not_null:
                    name: limited
                    config: {fail_calc: "count(*)", limit: 1}
      """;

  @Test
  void genericAndSingularTestsPassWarnAndFailAsDbt(TestDatabase database, @TempDir Path dir) {
    database.execute(
        """
        create schema hr;
        create table hr.teams (id int);
        insert into hr.teams values (1), (2);
        create table hr.people (id int, name text, status text, team_id int);
        insert into hr.people values
          (1, 'Ada', 'active', 1), (2, 'Grace', 'inactive', 2), (2, 'Linus', 'active', 1),
          (4, null, 'retired', 3), (5, 'Barbara', 'active', null), (6, 'Ken', 'active', null);
        """);
    Projects.write(
        dir,
        Map.of(
            "dbt_project.yml", "name: dq\nprofile: dq\nconfig-version: 2\n",
            "models/people.sql", "select * from hr.people",
            "models/people.yml", PROPERTIES,
            "tests/no_duplicate_names.sql",
                "select name from {{ ref('people') }} group by name having count(*) > 1",
            "tests/ids_are_small.sql", "select id from {{ ref('people') }} where id > 5"));
    database.writeProfile(dir, "dq", "public", 2);
    assertThat(EngineRun.of(Map.of(), "run", "--project-dir", dir.toString()).exitCode()).isZero();

    EngineRun run = EngineRun.of(Map.of(), "test", "--project-dir", dir.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.doneLine()).isEqualTo("Done. PASS=2 WARN=2 ERROR=7 SKIP=0 TOTAL=11");
    assertThat(run.lines())
        .contains("FAIL 1 unique_people_id ")
        .contains("WARN 1 unique_id_tolerated ")
        .contains("FAIL 1 not_null_people_name ")
        .contains("PASS name_not_null_except_id_4 ")
        .contains("WARN 1 name_not_null_warning ")
        .contains("FAIL 1 accepted_values_people_status__active__inactive ")
        .contains("FAIL 1 team_id_known ")
        .contains("FAIL 1 relationships_people_team_id__id__source_hr_teams_ ")
        .contains("FAIL 1 limited ")
        .contains("PASS no_duplicate_names ")
        .contains("FAIL 1 ids_are_small ")
        .contains("Failure in test unique_people_id (models/people.yml)")
        .contains("  Got 1 result, configured to fail if != 0");
    assertThat(
            database.rows(
                "select value_field, n_records from public_dbt_test__audit.accepted_values_people_status__active__inactive"))
        .containsExactly(Map.of("value_field", "retired", "n_records", 1L));
  }
}
