package dev.taxiplatform.transform.seed;

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

/** Seeds load, reload by truncating (dependent views survive), and rebuild on --full-refresh. */
@ExtendWith(PostgresExtension.class)
class SeedLoadingTest {

  @Test
  void reloadsInPlaceAndRebuildsOnFullRefresh(TestDatabase database, @TempDir Path dir)
      throws Exception {
    Projects.write(
        dir,
        Map.of(
            "dbt_project.yml",
                "name: s\nprofile: s\nconfig-version: 2\nseeds:\n  s:\n    zones:\n      +column_types: {zone_id: smallint}\n",
            "seeds/zones.csv",
                "zone_id,name,\"quoted, name\",share\n1,Midtown,\"a, b\",0.5\n2,\"JFK \"\"Airport\"\"\",,1.25\n",
            "models/zone_names.sql", "select name from {{ ref('zones') }}"));
    database.writeProfile(dir, "s", "public", 1);

    EngineRun first = EngineRun.of(Map.of(), "build", "--project-dir", dir.toString());

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.lines())
        .contains("1 of 2 OK loaded seed file public.zones")
        .contains("[INSERT 2 in ");
    assertThat(
            database.rows(
                "select column_name, data_type from information_schema.columns where table_name = 'zones' order by ordinal_position"))
        .containsExactly(
            Map.of("column_name", "zone_id", "data_type", "smallint"),
            Map.of("column_name", "name", "data_type", "text"),
            Map.of("column_name", "quoted, name", "data_type", "text"),
            Map.of("column_name", "share", "data_type", "numeric"));
    assertThat(database.value("select name from public.zones where zone_id = 2"))
        .isEqualTo("JFK \"Airport\"");
    assertThat(database.value("select count(*) from public.zones where \"quoted, name\" is null"))
        .isEqualTo(1L);

    Files.writeString(
        dir.resolve("seeds/zones.csv"), "zone_id,name,\"quoted, name\",share\n3,Harlem,x,2\n");
    assertThat(EngineRun.of(Map.of(), "seed", "--project-dir", dir.toString()).lines())
        .contains("[INSERT 1 in ");
    assertThat(database.value("select name from public.zone_names")).isEqualTo("Harlem");

    Files.writeString(dir.resolve("seeds/zones.csv"), "zone_id,label\n4,Astoria\n");
    EngineRun changed =
        EngineRun.of(Map.of(), "seed", "--project-dir", dir.toString(), "--full-refresh");
    assertThat(changed.exitCode()).as(changed.output()).isZero();
    assertThat(database.value("select label from public.zones")).isEqualTo("Astoria");
    assertThat(database.value("select to_regclass('public.zone_names')")).isNull();
  }
}
