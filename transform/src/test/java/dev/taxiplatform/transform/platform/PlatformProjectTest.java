package dev.taxiplatform.transform.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
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
    List<ProcessedRide> rides = StagedRides.generate(7, 1500);
    StagedRides.load(database, rides);

    EngineRun run =
        EngineRun.of(database.warehouseEnvironment(), "build", "--project-dir", project.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.doneLine()).isEqualTo("Done. PASS=45 WARN=0 ERROR=0 SKIP=0 TOTAL=45");
    assertThat(run.lines()).contains("Found 11 models, 34 data tests, 1 source, ");
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

    Map<Integer, List<ProcessedRide>> byZone =
        rides.stream()
            .collect(
                Collectors.groupingBy(
                    ProcessedRide::pickupZoneId, TreeMap::new, Collectors.toList()));
    List<Map<String, Object>> zones =
        database.rows("select * from public_marts.dim_zones order by pickup_zone_id");
    assertThat(zones).hasSize(byZone.size());
    for (Map<String, Object> zone : zones) {
      List<ProcessedRide> mine = byZone.get(((Number) zone.get("pickup_zone_id")).intValue());
      assertThat(((Number) zone.get("total_trips")).longValue()).isEqualTo(mine.size());
      assertThat(zone.get("total_revenue")).isEqualTo(sum(mine, ProcessedRide::total));
      assertThat(zone.get("avg_fare")).isEqualTo(avg(mine, ProcessedRide::fare));
      assertThat(zone.get("avg_tip_pct")).isEqualTo(avg(mine, ProcessedRide::tipPercentage));
      assertThat(zone.get("avg_distance")).isEqualTo(avg(mine, ProcessedRide::distance));
      assertThat(zone.get("avg_passengers"))
          .isEqualTo(avg(mine, r -> BigDecimal.valueOf(r.passengerCount())));
      long richer =
          byZone.values().stream()
              .filter(
                  z -> sum(z, ProcessedRide::total).compareTo(sum(mine, ProcessedRide::total)) > 0)
              .count();
      assertThat(((Number) zone.get("revenue_rank")).longValue()).isEqualTo(richer + 1);
    }

    Map<String, List<ProcessedRide>> byPayment =
        rides.stream().collect(Collectors.groupingBy(ProcessedRide::paymentType));
    for (Map<String, Object> payment :
        database.rows("select * from public_marts.dim_payment_analysis")) {
      List<ProcessedRide> mine = byPayment.get((String) payment.get("payment_type"));
      assertThat(((Number) payment.get("trip_count")).longValue()).isEqualTo(mine.size());
      assertThat(payment.get("total_revenue")).isEqualTo(sum(mine, ProcessedRide::total));
      assertThat(payment.get("pct_of_trips"))
          .isEqualTo(
              BigDecimal.valueOf(100L * mine.size())
                  .divide(BigDecimal.valueOf(rides.size()), 2, RoundingMode.HALF_UP));
      long premium =
          mine.stream().filter(r -> r.total().compareTo(new BigDecimal("40")) >= 0).count();
      assertThat(((Number) payment.get("premium_trips")).longValue()).isEqualTo(premium);
    }
    assertThat(database.rows("select payment_type from public_marts.dim_payment_analysis"))
        .hasSize(byPayment.size());

    assertThat(
            ((Number)
                    database.value("select sum(trip_count) from public_marts.fact_hourly_summary"))
                .longValue())
        .isEqualTo(1500);
    long rush = rides.stream().filter(ProcessedRide::rushHour).count();
    assertThat(
            ((Number)
                    database.value(
                        "select sum(rush_hour_trips) from public_marts.fact_hourly_summary"))
                .longValue())
        .isEqualTo(rush);
    long longTrips =
        rides.stream().filter(r -> r.distance().compareTo(BigDecimal.TEN) >= 0).count();
    assertThat(
            ((Number)
                    database.value("select sum(long_trips) from public_marts.fact_hourly_summary"))
                .longValue())
        .isEqualTo(longTrips);
    assertThat(
            database.value(
                "select count(*) from public_intermediate.int_rides_enriched where borough_flow = pickup_borough || ' → ' || dropoff_borough"))
        .isEqualTo(1500L);

    // The dashboard's daily marts: per key, the count and exact sums of the rides.
    assertThat(
            martSums(
                database,
                "select event_date::text || ' ' || event_hour as key, trip_count, fare_sum,"
                    + " revenue_sum, passenger_sum, tip_pct_sum from public_marts.daily_hours"))
        .isEqualTo(sums(rides, r -> day(r) + " " + r.eventHour()));
    assertThat(
            martSums(
                database,
                "select event_date::text || ' ' || pickup_zone_id as key, trip_count, fare_sum,"
                    + " revenue_sum, passenger_sum, tip_pct_sum from public_marts.daily_zones"))
        .isEqualTo(sums(rides, r -> day(r) + " " + r.pickupZoneId()));
    assertThat(
            martSums(
                database,
                "select event_date::text || ' ' || payment_type as key, trip_count, fare_sum,"
                    + " revenue_sum, 0 as passenger_sum, tip_pct_sum from public_marts.daily_payments"))
        .isEqualTo(withoutPassengers(sums(rides, r -> day(r) + " " + r.paymentType())));
    assertThat(
            martSums(
                database,
                "select event_date::text || ' ' || category as key, trip_count, fare_sum,"
                    + " revenue_sum, 0 as passenger_sum, tip_pct_sum from public_marts.daily_categories"
                    + " where dimension = 'distance'"))
        .isEqualTo(withoutPassengers(sums(rides, r -> day(r) + " " + distanceCategory(r))));
    assertThat(
            martSums(
                database,
                "select event_date::text || ' ' || category as key, trip_count, fare_sum,"
                    + " revenue_sum, 0 as passenger_sum, tip_pct_sum from public_marts.daily_categories"
                    + " where dimension = 'fare'"))
        .isEqualTo(withoutPassengers(sums(rides, r -> day(r) + " " + fareCategory(r))));
    assertThat(
            martSums(
                database,
                "select event_date::text || ' ' || borough_flow as key, trip_count, fare_sum,"
                    + " revenue_sum, 0 as passenger_sum, 0 as tip_pct_sum"
                    + " from public_marts.daily_borough_flows"))
        .isEqualTo(
            withoutTips(
                withoutPassengers(
                    sums(
                        rides,
                        r -> day(r) + " " + r.pickupBorough() + " → " + r.dropoffBorough()))));
    assertThat(database.value("select max(last_event_ts) from public_marts.daily_hours"))
        .isEqualTo(
            java.sql.Timestamp.from(
                rides.stream()
                    .map(ProcessedRide::eventTs)
                    .max(java.util.Comparator.naturalOrder())
                    .get()));
    assertThat(
            database.value(
                "select count(*) from pg_indexes where schemaname = 'public_marts'"
                    + " and indexname like 'daily_%_event_date'"))
        .isEqualTo(5L);
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

    assertDashboardMartsMatchFactRides(database);

    // Rides of a new date only: the dashboard marts add that date and leave the others alone.
    List<Map<String, Object>> before =
        database.rows(
            "select event_date, event_hour, last_loaded_at from public_marts.daily_hours"
                + " order by 1, 2");
    database.execute(
        "insert into staging.stg_rides select ride_id || '-later', event_ts + interval '10 days',"
            + " event_date + 10, event_hour, pickup_zone_id, pickup_zone_name, pickup_borough,"
            + " dropoff_zone_id, dropoff_zone_name, dropoff_borough, passenger_count,"
            + " trip_distance_miles, duration_minutes, payment_type, rate_code, fare_amount,"
            + " tip_amount, tolls_amount, total_amount, fare_per_mile, fare_per_minute,"
            + " tip_percentage, is_rush_hour, is_weekend, now() from staging.stg_rides"
            + " where event_date = '2026-11-21' and ride_id not like '%-later'");
    long laterRides = database.count("staging.stg_rides") - 650;
    EngineRun third = EngineRun.of(environment, "run", "--project-dir", project.toString());
    assertThat(third.exitCode()).as(third.output()).isZero();
    assertThat(
            database.rows(
                "select event_date, event_hour, last_loaded_at from public_marts.daily_hours"
                    + " where event_date < '2026-11-30' order by 1, 2"))
        .isEqualTo(before);
    assertThat(
            ((Number)
                    database.value(
                        "select sum(trip_count) from public_marts.daily_hours"
                            + " where event_date = '2026-12-01'"))
                .longValue())
        .isEqualTo(laterRides)
        .isPositive();
    assertDashboardMartsMatchFactRides(database);
    assertThat(EngineRun.of(environment, "test", "--project-dir", project.toString()).exitCode())
        .isZero();

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
    assertThat(refresh.lines()).contains("[SELECT " + (650 + laterRides) + " in ");
    assertThat(
            database.value(
                "select borough_flow from public_marts.fact_rides where ride_id = '" + kept + "'"))
        .isNotEqualTo("untouched");
    assertThat(database.count("public_marts.fact_rides")).isEqualTo(650 + laterRides);
  }

  /** Each dashboard mart equals the same aggregation computed afresh over fact_rides. */
  private static void assertDashboardMartsMatchFactRides(TestDatabase database) {
    String hourly = "event_date, event_hour";
    String zones = "event_date, pickup_zone_id";
    String payments = "event_date, payment_type";
    String flows = "event_date, borough_flow";
    String allSums = "trip_count, passenger_sum, fare_sum, tip_pct_sum, revenue_sum";
    String fareSums = "trip_count, fare_sum, tip_pct_sum, revenue_sum";
    String freshAll =
        "count(*), sum(passenger_count), sum(fare_amount), sum(tip_percentage), sum(total_amount)";
    String freshFare = "count(*), sum(fare_amount), sum(tip_percentage), sum(total_amount)";
    Map<String, List<String>> marts =
        Map.of(
            "daily_hours",
            List.of(hourly + ", " + allSums, hourly + ", " + freshAll, hourly),
            "daily_zones",
            List.of(zones + ", " + allSums, zones + ", " + freshAll, zones),
            "daily_payments",
            List.of(payments + ", " + fareSums, payments + ", " + freshFare, payments),
            "daily_borough_flows",
            List.of(
                flows + ", trip_count, fare_sum, revenue_sum",
                flows + ", count(*), sum(fare_amount), sum(total_amount)",
                flows));
    marts.forEach(
        (mart, spec) -> {
          String fresh =
              "select %s from public_marts.fact_rides group by %s"
                  .formatted(spec.get(1), spec.get(2));
          assertThat(
                  difference(
                      database,
                      "select %s from public_marts.%s".formatted(spec.get(0), mart),
                      fresh))
              .as(mart)
              .isZero();
        });
    for (String dimension : List.of("distance", "fare")) {
      String fresh =
          "select event_date, %s_category, %s from public_marts.fact_rides group by 1, 2"
              .formatted(dimension, freshFare);
      String mart =
          "select event_date, category, %s from public_marts.daily_categories where dimension = '%s'"
              .formatted(fareSums, dimension);
      assertThat(difference(database, mart, fresh)).as(dimension).isZero();
    }
  }

  /** Rows in one query and not the other, either way. */
  private static long difference(TestDatabase database, String left, String right) {
    return ((Number)
            database.value(
                "select count(*) from (((%s) except all (%s)) union all ((%s) except all (%s))) d"
                    .formatted(left, right, right, left)))
        .longValue();
  }

  private static String day(ProcessedRide ride) {
    return ride.eventDate().toString();
  }

  private static String distanceCategory(ProcessedRide ride) {
    BigDecimal miles = ride.distance();
    return miles.compareTo(new BigDecimal("2")) < 0
        ? "short"
        : miles.compareTo(BigDecimal.TEN) < 0 ? "medium" : "long";
  }

  private static String fareCategory(ProcessedRide ride) {
    BigDecimal total = ride.total();
    return total.compareTo(new BigDecimal("15")) < 0
        ? "budget"
        : total.compareTo(new BigDecimal("40")) < 0 ? "standard" : "premium";
  }

  /** Per key: "trips fare revenue passengers tip%", the sums as exact decimals. */
  private static Map<String, String> sums(
      List<ProcessedRide> rides, java.util.function.Function<ProcessedRide, String> key) {
    Map<String, List<ProcessedRide>> groups =
        rides.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    Map<String, String> sums = new TreeMap<>();
    groups.forEach(
        (k, group) ->
            sums.put(
                k,
                "%d %s %s %d %s"
                    .formatted(
                        group.size(),
                        exact(group, ProcessedRide::fare),
                        exact(group, ProcessedRide::total),
                        group.stream().mapToLong(ProcessedRide::passengerCount).sum(),
                        exact(group, ProcessedRide::tipPercentage))));
    return sums;
  }

  private static Map<String, String> withoutPassengers(Map<String, String> sums) {
    Map<String, String> result = new TreeMap<>();
    sums.forEach(
        (k, v) -> {
          String[] parts = v.split(" ");
          parts[3] = "0";
          result.put(k, String.join(" ", parts));
        });
    return result;
  }

  private static Map<String, String> withoutTips(Map<String, String> sums) {
    Map<String, String> result = new TreeMap<>();
    sums.forEach(
        (k, v) -> {
          String[] parts = v.split(" ");
          parts[4] = "0";
          result.put(k, String.join(" ", parts));
        });
    return result;
  }

  private static Map<String, String> martSums(TestDatabase database, String query) {
    Map<String, String> sums = new TreeMap<>();
    for (Map<String, Object> row : database.rows(query)) {
      sums.put(
          (String) row.get("key"),
          "%s %s %s %s %s"
              .formatted(
                  row.get("trip_count"),
                  plain(row.get("fare_sum")),
                  plain(row.get("revenue_sum")),
                  row.get("passenger_sum"),
                  plain(row.get("tip_pct_sum"))));
    }
    return sums;
  }

  private static String plain(Object value) {
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
  }

  private static String exact(
      List<ProcessedRide> rides, java.util.function.Function<ProcessedRide, BigDecimal> f) {
    return rides.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString();
  }

  private static BigDecimal sum(
      List<ProcessedRide> rides, java.util.function.Function<ProcessedRide, BigDecimal> field) {
    return rides.stream()
        .map(field)
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(2, RoundingMode.HALF_UP);
  }

  private static BigDecimal avg(
      List<ProcessedRide> rides, java.util.function.Function<ProcessedRide, BigDecimal> field) {
    BigDecimal total = rides.stream().map(field).reduce(BigDecimal.ZERO, BigDecimal::add);
    return total
        .divide(BigDecimal.valueOf(rides.size()), 20, RoundingMode.HALF_UP)
        .setScale(2, RoundingMode.HALF_UP);
  }
}
