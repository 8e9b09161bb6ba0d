package dev.taxiplatform.transform.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a fresh database, many nodes building into the same new schemas on four threads: every schema
 * is created once before the nodes run, so none of them meets another's {@code create schema}.
 *
 * <p>The race is a window of microseconds between PostgreSQL's check that a schema exists and the
 * commit of its creation. Each fresh database gets an event trigger that holds every {@code create
 * schema} open for a moment after it inserted the schema's row: a second concurrent creation of the
 * same schema then reliably meets the first one's uncommitted row and fails on the unique index.
 */
@ExtendWith(PostgresExtension.class)
class SchemaCreationTest {
  private static final int ROUNDS = 4;
  private static final int NODES_PER_SCHEMA = 6;

  @Test
  void buildOnAFreshDatabaseWithFourThreadsCreatesEachSchemaOnce(
      TestDatabase server, @TempDir Path dir) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "dbt_project.yml",
        """
        name: race
        profile: race
        config-version: 2
        """);
    for (int i = 1; i <= NODES_PER_SCHEMA; i++) {
      String schema = i % 2 == 0 ? "landing" : "marts";
      files.put("seeds/seed_%d.csv".formatted(i), "id,amount\n1,%d\n2,%d\n".formatted(i, 10 * i));
      files.put(
          "seeds/seed_%d.yml".formatted(i),
          "seeds:\n  - name: seed_%d\n    config:\n      schema: %s\n".formatted(i, schema));
      files.put(
          "models/model_%d.sql".formatted(i),
          "{{ config(materialized='table', schema='%s') }}\nselect 1 as id, %d as n"
              .formatted(schema, i));
    }
    Projects.write(dir, files);

    for (int round = 1; round <= ROUNDS; round++) {
      String name = server.name() + "_fresh_" + round;
      server.execute("create database " + name);
      TestDatabase fresh = new TestDatabase(server.host(), server.port(), name, server.user());
      fresh.execute(
          """
          create function hold_schema_creation() returns event_trigger language plpgsql as
            $$ begin perform pg_sleep(0.3); end $$;
          create event trigger hold_schema_creation on ddl_command_end
            when tag in ('CREATE SCHEMA') execute function hold_schema_creation();
          """);
      fresh.writeProfile(dir, "race", "analytics", 4);

      EngineRun run = EngineRun.of(Map.of(), "build", "--project-dir", dir.toString());

      assertThat(run.exitCode()).as("round %d:%n%s", round, run.output()).isZero();
      assertThat(run.doneLine())
          .isEqualTo(
              "Done. PASS=%d WARN=0 ERROR=0 SKIP=0 TOTAL=%d"
                  .formatted(2 * NODES_PER_SCHEMA, 2 * NODES_PER_SCHEMA));
      assertThat(
              fresh.value(
                  "select string_agg(nspname, ',' order by nspname) from pg_namespace"
                      + " where nspname like 'analytics%'"))
          .isEqualTo("analytics_landing,analytics_marts");
      assertThat(fresh.value("select sum(amount) from analytics_landing.seed_6")).isEqualTo(66L);
      assertThat(fresh.value("select sum(n) from analytics_marts.model_5")).isEqualTo(5L);
    }
  }
}
