package dev.taxiplatform.transform.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.Ride;
import dev.taxiplatform.transform.testing.StagedRides;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The platform's {@code dbt/} project, built on staged rides, checked against its own sums. */
@ExtendWith(PostgresExtension.class)
class PlatformProjectTest {

  @Test
  void buildsTheMartsAndPassesEveryTest(TestDatabase database, @TempDir Path temp) {
    Path project = Projects.copy(Projects.repositoryRoot().resolve("dbt"), temp.resolve("dbt"));
    List<Ride> rides = StagedRides.generate(7, 1500);
    StagedRides.load(database, rides);

    EngineRun run =
        EngineRun.of(database.warehouseEnvironment(), "build", "--project-dir", project.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.doneLine()).isEqualTo("Done. PASS=28 WARN=0 ERROR=0 SKIP=0 TOTAL=28");
    assertThat(run.lines()).contains("Found 6 models, 22 data tests, 1 source, ");
    assertThat(database.count("public_staging.stg_rides")).isEqualTo(1500);
    assertThat(database.count("public_intermediate.int_rides_enriched")).isEqualTo(1500);
    assertThat(database.count("public_marts.fact_rides")).isEqualTo(1500);
    assertThat(
            database.value(
                "select table_type from information_schema.tables where table_schema = 'public_marts' and table_name = 'dim_zones'"))
        .isEqualTo("BASE TABLE");
    assertThat(
            database.value(
                "select table_type from information_schema.tables where table_schema = 'public_staging' and table_name = 'stg_rides'"))
        .isEqualTo("VIEW");

    Map<Integer, List<Ride>> byZone =
        rides.stream()
            .collect(Collectors.groupingBy(Ride::pickupZoneId, TreeMap::new, Collectors.toList()));
    List<Map<String, Object>> zones =
        database.rows("select * from public_marts.dim_zones order by pickup_zone_id");
    assertThat(zones).hasSize(byZone.size());
    for (Map<String, Object> zone : zones) {
      List<Ride> mine = byZone.get(((Number) zone.get("pickup_zone_id")).intValue());
      assertThat(((Number) zone.get("total_trips")).longValue()).isEqualTo(mine.size());
      assertThat(zone.get("total_revenue")).isEqualTo(sum(mine, Ride::totalAmount));
      assertThat(zone.get("avg_fare")).isEqualTo(avg(mine, Ride::fareAmount));
      assertThat(zone.get("avg_tip_pct")).isEqualTo(avg(mine, Ride::tipPercentage));
      assertThat(zone.get("avg_distance")).isEqualTo(avg(mine, Ride::tripDistanceMiles));
      assertThat(zone.get("avg_passengers"))
          .isEqualTo(avg(mine, r -> BigDecimal.valueOf(r.passengerCount())));
      long richer =
          byZone.values().stream()
              .filter(z -> sum(z, Ride::totalAmount).compareTo(sum(mine, Ride::totalAmount)) > 0)
              .count();
      assertThat(((Number) zone.get("revenue_rank")).longValue()).isEqualTo(richer + 1);
    }

    Map<String, List<Ride>> byPayment =
        rides.stream().collect(Collectors.groupingBy(Ride::paymentType));
    for (Map<String, Object> payment :
        database.rows("select * from public_marts.dim_payment_analysis")) {
      List<Ride> mine = byPayment.get((String) payment.get("payment_type"));
      assertThat(((Number) payment.get("trip_count")).longValue()).isEqualTo(mine.size());
      assertThat(payment.get("total_revenue")).isEqualTo(sum(mine, Ride::totalAmount));
      assertThat(payment.get("pct_of_trips"))
          .isEqualTo(
              BigDecimal.valueOf(100L * mine.size())
                  .divide(BigDecimal.valueOf(rides.size()), 2, RoundingMode.HALF_UP));
      long premium =
          mine.stream().filter(r -> r.totalAmount().compareTo(new BigDecimal("40")) >= 0).count();
      assertThat(((Number) payment.get("premium_trips")).longValue()).isEqualTo(premium);
    }
    assertThat(database.rows("select payment_type from public_marts.dim_payment_analysis"))
        .hasSize(byPayment.size());

    assertThat(
            ((Number)
                    database.value("select sum(trip_count) from public_marts.fact_hourly_summary"))
                .longValue())
        .isEqualTo(1500);
    long rush = rides.stream().filter(Ride::rushHour).count();
    assertThat(
            ((Number)
                    database.value(
                        "select sum(rush_hour_trips) from public_marts.fact_hourly_summary"))
                .longValue())
        .isEqualTo(rush);
    long longTrips =
        rides.stream().filter(r -> r.tripDistanceMiles().compareTo(BigDecimal.TEN) >= 0).count();
    assertThat(
            ((Number)
                    database.value("select sum(long_trips) from public_marts.fact_hourly_summary"))
                .longValue())
        .isEqualTo(longTrips);
    assertThat(
            database.value(
                "select count(*) from public_intermediate.int_rides_enriched where borough_flow = pickup_borough || ' → ' || dropoff_borough"))
        .isEqualTo(1500L);
  }

  @Test
  void aSecondRunAddsOnlyNewRidesAndFullRefreshRebuilds(TestDatabase database, @TempDir Path temp) {
    Path project = Projects.copy(Projects.repositoryRoot().resolve("dbt"), temp.resolve("dbt"));
    Map<String, String> environment = database.warehouseEnvironment();
    StagedRides.load(database, StagedRides.generate(11, 400));
    assertThat(EngineRun.of(environment, "run", "--project-dir", project.toString()).exitCode())
        .isZero();
    String kept = (String) database.value("select min(ride_id) from public_marts.fact_rides");
    database.execute(
        "update public_marts.fact_rides set borough_flow = 'untouched' where ride_id = '"
            + kept
            + "'");

    StagedRides.load(database, StagedRides.generate(12, 250));
    EngineRun second = EngineRun.of(environment, "run", "--project-dir", project.toString());

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.lines())
        .contains("OK created sql incremental model public_marts.fact_rides")
        .contains("[INSERT 0 250 in ");
    assertThat(database.count("public_marts.fact_rides")).isEqualTo(650);
    assertThat(database.value("select count(distinct ride_id) from public_marts.fact_rides"))
        .isEqualTo(650L);
    assertThat(
            database.value(
                "select borough_flow from public_marts.fact_rides where ride_id = '" + kept + "'"))
        .isEqualTo("untouched");
    assertThat(
            ((Number) database.value("select sum(total_trips) from public_marts.dim_zones"))
                .longValue())
        .isEqualTo(650);

    EngineRun nothingNew =
        EngineRun.of(
            environment, "run", "--project-dir", project.toString(), "--select", "fact_rides");
    assertThat(nothingNew.lines()).contains("[INSERT 0 0 in ");
    assertThat(database.count("public_marts.fact_rides")).isEqualTo(650);

    EngineRun refresh =
        EngineRun.of(
            environment,
            "run",
            "--project-dir",
            project.toString(),
            "--full-refresh",
            "--select",
            "fact_rides");
    assertThat(refresh.exitCode()).as(refresh.output()).isZero();
    assertThat(refresh.lines()).contains("[SELECT 650 in ");
    assertThat(
            database.value(
                "select borough_flow from public_marts.fact_rides where ride_id = '" + kept + "'"))
        .isNotEqualTo("untouched");
    assertThat(database.count("public_marts.fact_rides")).isEqualTo(650);
  }

  private static BigDecimal sum(
      List<Ride> rides, java.util.function.Function<Ride, BigDecimal> field) {
    return rides.stream()
        .map(field)
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(2, RoundingMode.HALF_UP);
  }

  private static BigDecimal avg(
      List<Ride> rides, java.util.function.Function<Ride, BigDecimal> field) {
    BigDecimal total = rides.stream().map(field).reduce(BigDecimal.ZERO, BigDecimal::add);
    return total
        .divide(BigDecimal.valueOf(rides.size()), 20, RoundingMode.HALF_UP)
        .setScale(2, RoundingMode.HALF_UP);
  }
}
