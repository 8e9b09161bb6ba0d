package dev.taxiplatform.transform.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project that uses a package written in the style of the ecosystem's utility packages ({@code
 * src/test/resources/packages/taxi_utils}): installed by {@code deps} from a local path and from a
 * git repository, its dispatched and cross-database macros, generic tests, model, vars and configs.
 */
@ExtendWith(PostgresExtension.class)
class PackagesTest {
  private static final String TRIPS =
      """
      trip_id,zone,fare_cents,distance_km,picked_up_at
      1,Midtown,1250,5,2026-03-01 08:00:00
      2,,900,0,2026-03-02 09:30:00
      3,Harlem,700,2,2026-03-03 23:15:00
      """;

  private static final String TRIP_FACTS =
      """
      {{ config(materialized='table') }}
      select
        trip_id,
        {{ taxi_utils.generate_surrogate_key(['trip_id', 'zone']) }} as trip_key,
        {{ taxi_utils.safe_divide('fare_cents', 'distance_km') }} as cents_per_km,
        {{ format_fare('fare_cents') }} as fare_label,
        {{ taxi_utils.format_fare('fare_cents') }} as package_fare_label,
        {{ taxi_utils.days_after('picked_up_at', 7) }} as review_due,
        {{ dbt.datediff("'2026-01-01'", 'picked_up_at', 'day') }} as days_into_year,
        {{ dbt.split_part("'a-b-c'", "'-'", 2) }} as middle,
        {{ dbt.safe_cast('fare_cents', dbt.type_string()) }} as fare_text
      from {{ ref('trips') }}
      """;

  private static final String PROPERTIES =
      """
      version: 2
      models:
        - name: trip_facts
          data_tests:
            - taxi_utils.expression_is_true:
                arguments:
                  expression: "length(trip_key) = 32"
          columns:
            - name: cents_per_km
              data_tests:
                - taxi_utils.accepted_range:
                    min_value: 0
                    max_value: 300
                    config:
                      severity: warn
            - name: days_into_year
              data_tests:
                - taxi_utils.accepted_range:
                    min_value: 59
                    max_value: 61
      """;

  private static Path packageSource() {
    return Path.of(Projects.class.getResource("/packages/taxi_utils/dbt_project.yml").getPath())
        .getParent();
  }

  /** The root project, declaring the package with {@code packagesYml}. */
  private static Path project(TestDatabase database, Path dir, String packagesYml) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "dbt_project.yml",
        """
        name: rides_app
        profile: rides_app
        config-version: 2
        vars:
          taxi_utils:
            number_count: 3
        models:
          taxi_utils:
            +schema: utils
        """);
    files.put("packages.yml", packagesYml);
    files.put("seeds/trips.csv", TRIPS);
    files.put("models/trip_facts.sql", TRIP_FACTS);
    files.put(
        "models/number_total.sql",
        "select sum(n) as total from {{ ref('taxi_utils', 'utils_numbers') }}");
    files.put("models/schema.yml", PROPERTIES);
    // The root project overrides one of the package's macros for its own unqualified calls.
    files.put(
        "macros/format_fare.sql",
        "{% macro format_fare(cents) -%}\n  'EUR ' || ({{ cents }} / 100)\n{%- endmacro %}\n");
    Projects.write(dir, files);
    database.writeProfile(dir, "rides_app", "analytics", 2);
    return dir;
  }

  private static EngineRun run(Path project, String... args) {
    return run(Map.of(), project, args);
  }

  private static EngineRun run(Map<String, String> environment, Path project, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--project-dir";
    all[args.length + 1] = project.toString();
    return EngineRun.of(environment, all);
  }

  @Test
  void aLocalPackageIsInstalledByDepsAndItsMacrosTestsAndModelsRun(
      TestDatabase database, @TempDir Path dir) throws Exception {
    Projects.copy(packageSource(), dir.resolve("taxi_utils"));
    Path project = project(database, dir.resolve("app"), "packages:\n  - local: ../taxi_utils\n");

    EngineRun before = run(project, "build");
    assertThat(before.exitCode()).as(before.output()).isEqualTo(2);
    assertThat(before.lines())
        .contains(
            "dbt found 1 package(s) specified in packages.yml, but only 0 package(s) installed in"
                + " dbt_packages. Run \"transform deps\" to install package dependencies.");

    EngineRun deps = run(project, "deps");
    assertThat(deps.exitCode()).as(deps.output()).isZero();
    assertThat(deps.lines())
        .contains("Installing local: ../taxi_utils")
        .contains("Installed taxi_utils from local");
    assertThat(Files.readString(project.resolve("package-lock.yml")))
        .isEqualTo(
            """
            packages:
              - local: ../taxi_utils
                name: taxi_utils
            sha1_hash: 2472b66311b7bfb7db4ac173ca4ea55646c09752
            """);
    assertThat(project.resolve("dbt_packages/taxi_utils/dbt_project.yml")).exists();
    // Installing again replaces the link to the local package, never the package itself.
    assertThat(run(project, "deps").exitCode()).isZero();
    assertThat(dir.resolve("taxi_utils/macros/dates.sql")).exists();
    assertThat(project.resolve("dbt_packages/taxi_utils/macros/dates.sql")).exists();

    EngineRun build = run(project, "build");

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.doneLine()).isEqualTo("Done. PASS=6 WARN=1 ERROR=0 SKIP=0 TOTAL=7");
    assertThat(build.lines())
        .contains("OK created sql table model analytics_utils.utils_numbers")
        .containsPattern(
            "WARN 1 taxi_utils_accepted_range_trip_facts_cents_per_km__300__0 \\.+ \\[WARN 1");
    List<Map<String, Object>> rows =
        database.rows("select * from analytics.trip_facts order by trip_id");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0))
        .containsEntry("trip_key", md5("1-Midtown"))
        .containsEntry("cents_per_km", new java.math.BigDecimal("250.00"))
        .containsEntry("fare_label", "EUR 12")
        .containsEntry("package_fare_label", "USD 12")
        .containsEntry("review_due", java.sql.Date.valueOf("2026-03-08"))
        .containsEntry("days_into_year", 59)
        .containsEntry("middle", "b")
        .containsEntry("fare_text", "1250");
    assertThat(rows.get(1))
        .containsEntry("trip_key", md5("2-_taxi_utils_null_"))
        .containsEntry("cents_per_km", null);
    assertThat(database.value("select total from analytics.number_total")).isEqualTo(6L);
    assertThat(
            database.value(
                "select table_type from information_schema.tables"
                    + " where table_schema = 'analytics_utils' and table_name = 'utils_numbers'"))
        .isEqualTo("BASE TABLE");
  }

  @Test
  void aPackagesOwnPackagesAreInstalledWithIt(TestDatabase database, @TempDir Path dir)
      throws Exception {
    Projects.copy(packageSource(), dir.resolve("shared/taxi_utils"));
    Projects.write(
        dir.resolve("taxi_reports"),
        Map.of(
            "dbt_project.yml",
            "name: taxi_reports\nconfig-version: 2\n",
            "packages.yml",
            "packages:\n  - local: ../shared/taxi_utils\n",
            "macros/fare_report.sql",
            "{% macro fare_report(cents) -%}\n"
                + "  'report: ' || {{ taxi_utils.format_fare(cents) }}\n{%- endmacro %}\n"));
    Path project = project(database, dir.resolve("app"), "packages:\n  - local: ../taxi_reports\n");
    Projects.write(
        project,
        Map.of("models/report.sql", "select {{ taxi_reports.fare_report('1250') }} as line"));

    EngineRun deps = run(project, "deps");

    assertThat(deps.exitCode()).as(deps.output()).isZero();
    assertThat(Files.readString(project.resolve("package-lock.yml")))
        .startsWith(
            """
            packages:
              - local: ../taxi_reports
                name: taxi_reports
              - local: ../shared/taxi_utils
                name: taxi_utils
            sha1_hash:\s""");
    assertThat(deps.lines()).containsOnlyOnce("Installed taxi_utils from local");
    EngineRun build = run(project, "build");
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(database.value("select line from analytics.report")).isEqualTo("report: USD 12");
  }

  @Test
  void aGitPackageIsInstalledAtItsRevisionFromASubdirectory(
      TestDatabase database, @TempDir Path dir) throws Exception {
    Path repository = dir.resolve("repository");
    Projects.copy(packageSource(), repository.resolve("packages/taxi_utils"));
    git(repository, "init", "-q");
    git(repository, "add", ".");
    git(repository, "commit", "-q", "-m", "taxi_utils 1.0");
    git(repository, "tag", "v1.0");
    Files.writeString(
        repository.resolve("packages/taxi_utils/macros/dates.sql"),
        "{% macro format_fare(cents) -%}'changed after v1.0'{%- endmacro %}\n"
            + "{% macro days_after(column, days) -%}{{ column }}{%- endmacro %}\n");
    git(repository, "commit", "-q", "-am", "after the release");
    String url = repository.toUri().toString();
    Path project =
        project(
            database,
            dir.resolve("app"),
            "packages:\n  - git: \"%s\"\n    revision: v1.0\n    subdirectory: packages/taxi_utils\n"
                .formatted(url));

    EngineRun deps = run(project, "deps");

    assertThat(deps.exitCode()).as(deps.output()).isZero();
    assertThat(deps.lines()).contains("Installed taxi_utils from revision v1.0 (");
    String lock = Files.readString(project.resolve("package-lock.yml"));
    assertThat(lock)
        .startsWith(
            """
            packages:
              - git: %s
                name: taxi_utils
                revision: v1.0
                subdirectory: packages/taxi_utils
            sha1_hash:\s"""
                .formatted(url));
    assertThat(project.resolve("dbt_packages/taxi_utils/.git")).doesNotExist();

    // A second deps with the lock file unchanged installs what it pins.
    EngineRun again = run(project, "deps");
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.lines()).doesNotContain("Updating lock file");
    assertThat(Files.readString(project.resolve("package-lock.yml"))).isEqualTo(lock);

    EngineRun build = run(project, "build");

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.doneLine()).isEqualTo("Done. PASS=6 WARN=1 ERROR=0 SKIP=0 TOTAL=7");
    assertThat(
            database.value("select package_fare_label from analytics.trip_facts where trip_id = 1"))
        .isEqualTo("USD 12");
  }

  @Test
  void dispatchSearchesTheRootProjectFirstUnlessDispatchConfigSaysOtherwise(
      TestDatabase database, @TempDir Path dir) throws Exception {
    Projects.copy(packageSource(), dir.resolve("taxi_utils"));
    Path project = project(database, dir.resolve("app"), "packages:\n  - local: ../taxi_utils\n");
    Projects.write(
        project,
        Map.of(
            "macros/safe_divide.sql",
            "{% macro default__safe_divide(numerator, denominator) -%}\n"
                + "  ({{ numerator }} / 1000)\n{%- endmacro %}\n"));
    assertThat(run(project, "deps").exitCode()).isZero();
    Path compiled = project.resolve("target/compiled/rides_app/models/trip_facts.sql");

    EngineRun rootFirst = run(project, "compile", "--select", "trip_facts");
    assertThat(rootFirst.exitCode()).as(rootFirst.output()).isZero();
    assertThat(Files.readString(compiled)).contains("(fare_cents / 1000) as cents_per_km");

    Files.writeString(
        project.resolve("dbt_project.yml"),
        Files.readString(project.resolve("dbt_project.yml"))
            + "dispatch:\n  - macro_namespace: taxi_utils\n    search_order: [taxi_utils]\n");
    EngineRun packageOnly = run(project, "compile", "--select", "trip_facts");
    assertThat(packageOnly.exitCode()).as(packageOnly.output()).isZero();
    assertThat(Files.readString(compiled))
        .contains("round((fare_cents)::numeric / nullif(distance_km, 0), 2) as cents_per_km");
  }

  @Test
  void aHubPackageWithoutTheNetworkFailsSayingSo(TestDatabase database, @TempDir Path dir) {
    Path project =
        project(
            database,
            dir,
            "packages:\n  - package: taxi-platform/taxi_utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n");

    EngineRun deps = run(Map.of("DBT_PACKAGE_HUB_URL", "http://127.0.0.1:9/"), project, "deps");

    assertThat(deps.exitCode()).as(deps.output()).isEqualTo(3);
    assertThat(deps.lines())
        .contains("Installing package: taxi-platform/taxi_utils >=1.0.0, <2.0.0")
        .contains(
            "The package hub cannot be reached (http://127.0.0.1:9/api/v1/taxi-platform/taxi_utils.json")
        .contains("Packages declared with package:/version: need the network");
  }

  @Test
  void aHubPackageResolvesTheNewestReleaseInItsRangeFromTheHub(
      TestDatabase database, @TempDir Path dir) throws Exception {
    Path release = dir.resolve("archives/taxi_utils-1.0.0");
    Projects.copy(packageSource(), release);
    Path archive = dir.resolve("archives/taxi_utils-1.0.0.tar.gz");
    execute(
        dir.resolve("archives"), List.of("tar", "-czf", archive.toString(), "taxi_utils-1.0.0"));
    HttpServer hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String base = "http://127.0.0.1:%d/".formatted(hub.getAddress().getPort());
    String index =
        """
        {"name": "taxi_utils", "namespace": "taxi-platform", "latest": "2.0.0", "versions": {
          "0.9.0": {"downloads": {"tarball": "%1$sarchives/missing.tar.gz"}},
          "1.0.0": {"downloads": {"tarball": "%1$sarchives/taxi_utils-1.0.0.tar.gz"}},
          "1.1.0-rc1": {"downloads": {"tarball": "%1$sarchives/missing.tar.gz"}},
          "2.0.0": {"downloads": {"tarball": "%1$sarchives/missing.tar.gz"}}}}
        """
            .formatted(base);
    hub.createContext(
        "/",
        exchange -> {
          byte[] body =
              exchange.getRequestURI().getPath().equals("/api/v1/taxi-platform/taxi_utils.json")
                  ? index.getBytes(StandardCharsets.UTF_8)
                  : exchange.getRequestURI().getPath().equals("/archives/taxi_utils-1.0.0.tar.gz")
                      ? Files.readAllBytes(archive)
                      : null;
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    hub.start();
    try {
      Path project =
          project(
              database,
              dir.resolve("app"),
              "packages:\n  - package: taxi-platform/taxi_utils\n"
                  + "    version: [\">=1.0.0\", \"<2.0.0\"]\n");

      EngineRun deps = run(Map.of("DBT_PACKAGE_HUB_URL", base), project, "deps");

      assertThat(deps.exitCode()).as(deps.output()).isZero();
      assertThat(deps.lines()).contains("Installed taxi_utils from 1.0.0");
      assertThat(Files.readString(project.resolve("package-lock.yml")))
          .startsWith(
              """
              packages:
                - name: taxi_utils
                  package: taxi-platform/taxi_utils
                  version: 1.0.0
              sha1_hash:\s""");
      EngineRun build = run(project, "build");
      assertThat(build.exitCode()).as(build.output()).isZero();
      assertThat(build.doneLine()).isEqualTo("Done. PASS=6 WARN=1 ERROR=0 SKIP=0 TOTAL=7");
    } finally {
      hub.stop(0);
    }
  }

  private static void execute(Path directory, List<String> command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static void git(Path directory, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add("git");
    command.addAll(
        List.of(
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main"));
    command.addAll(List.of(args));
    execute(directory, command);
  }
}
