package dev.taxiplatform.transform.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A reader querying a table while it is rebuilt sees the old or the new table, never an error. */
@ExtendWith(PostgresExtension.class)
class AtomicSwapTest {

  @Test
  void readersNeverSeeAMissingOrHalfBuiltTable(TestDatabase database, @TempDir Path dir)
      throws Exception {
    Projects.write(
        dir,
        Map.of(
            "dbt_project.yml",
            "name: swap\nprofile: swap\nconfig-version: 2\n",
            "models/big.sql",
            "{{ config(materialized='table') }}\nselect n, md5(n::text) as h from generate_series(1, 200000) as n",
            "models/small_view.sql",
            "select count(*) as n from {{ ref('big') }}"));
    database.writeProfile(dir, "swap", "public", 1);
    assertThat(EngineRun.of(Map.of(), "run", "--project-dir", dir.toString()).exitCode()).isZero();

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong reads = new AtomicLong();
    List<Throwable> failures = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (Connection connection = database.connect();
                  Statement statement = connection.createStatement()) {
                while (running.get()) {
                  try (ResultSet results =
                      statement.executeQuery("select count(*) from public.big")) {
                    results.next();
                    synchronized (counts) {
                      counts.add(results.getLong(1));
                    }
                    reads.incrementAndGet();
                  }
                }
              } catch (SQLException | RuntimeException e) {
                synchronized (failures) {
                  failures.add(e);
                }
              }
            });
    reader.start();
    try {
      for (int i = 0; i < 3; i++) {
        EngineRun run =
            EngineRun.of(Map.of(), "run", "--project-dir", dir.toString(), "--select", "big");
        assertThat(run.exitCode()).as(run.output()).isZero();
      }
    } finally {
      running.set(false);
      reader.join();
    }

    assertThat(failures).isEmpty();
    assertThat(reads.get()).isGreaterThan(3);
    assertThat(counts).containsOnly(200_000L);
    assertThat(database.value("select count(*) from pg_class where relname like 'big__dbt%'"))
        .isEqualTo(0L);
  }
}
