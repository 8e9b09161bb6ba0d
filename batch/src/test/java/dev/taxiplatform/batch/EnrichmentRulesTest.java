package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.core.ride.BusinessCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enrichment rules are written twice, as the batch job's Spark SQL ({@link RideEnrichment},
 * also run by the DuckDB reference) and in Java ({@link ProcessedRide}, for code and tests without
 * Spark); decision 84. This test runs the job's SQL on rides at every edge of the rules (half-cent
 * rounding, a zero fare, each end of both rush hours, local midnights that are not UTC midnights,
 * both daylight saving changes) and requires the contract's Java values for each, so a change to
 * either side alone fails here.
 */
class EnrichmentRulesTest {
  private static final BusinessCalendar CALENDAR =
      new BusinessCalendar(BusinessCalendar.DEFAULT_ZONE);

  private static TestSpark spark;

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.start("enrichment-rules");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void theJobsSqlComputesWhatTheContractDefinesAtEveryEdge() {
    List<ProcessedRide> rides = edgeCases();

    Map<String, List<Object>> bySpark = new TreeMap<>();
    for (Row row :
        RideEnrichment.enrich(spark.spark().sql(classifiedRowsSql(rides)), CALENDAR)
            .selectExpr(
                "ride_id",
                "CAST(event_date AS STRING) AS event_date",
                "event_hour",
                "fare_per_mile",
                "fare_per_minute",
                "tip_percentage",
                "is_rush_hour",
                "is_weekend")
            .collectAsList()) {
      bySpark.put(
          row.getAs("ride_id"),
          List.of(
              row.<String>getAs("event_date"),
              row.<Integer>getAs("event_hour"),
              row.<BigDecimal>getAs("fare_per_mile"),
              row.<BigDecimal>getAs("fare_per_minute"),
              row.<BigDecimal>getAs("tip_percentage"),
              row.<Boolean>getAs("is_rush_hour"),
              row.<Boolean>getAs("is_weekend")));
    }
    Map<String, List<Object>> byContract =
        rides.stream()
            .collect(
                Collectors.toMap(
                    ProcessedRide::rideId,
                    r ->
                        List.of(
                            r.eventDate().toString(),
                            r.eventHour(),
                            r.farePerMile(),
                            r.farePerMinute(),
                            r.tipPercentage(),
                            r.rushHour(),
                            r.weekend()),
                    (a, b) -> a,
                    TreeMap::new));

    assertThat(bySpark).isEqualTo(byContract);
    // The edges are edges: the rules' own answers, spelled out.
    assertThat(byContract.get("half-cent-mile").get(2)).isEqualTo(new BigDecimal("0.13"));
    assertThat(byContract.get("half-cent-tip").get(4)).isEqualTo(new BigDecimal("0.13"));
    assertThat(byContract.get("zero-fare").subList(2, 5))
        .containsExactly(new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"));
    assertThat(byContract.get("rush-07:00").get(5)).isEqualTo(true);
    assertThat(byContract.get("rush-06:59").get(5)).isEqualTo(false);
    assertThat(byContract.get("weekend-fri-23:59").subList(0, 1)).containsExactly("2026-11-20");
    assertThat(byContract.get("weekend-fri-23:59").get(6)).isEqualTo(false);
    assertThat(byContract.get("weekend-sun-23:59").get(6)).isEqualTo(true);
  }

  /** Rides at the edges of every derived column's rule. */
  private static List<ProcessedRide> edgeCases() {
    List<ProcessedRide> rides = new ArrayList<>();
    Instant noon = Instant.parse("2026-11-18T17:00:00Z"); // Wednesday 12:00 local
    // fare / miles = 0.125, fare / minutes = 0.025, tip / fare × 100 = 0.125: half up, not even
    rides.add(ride("half-cent-mile", noon, "8.00", "40.00", "1.00", "0.00"));
    rides.add(ride("half-cent-tip", noon, "3.00", "10.00", "8.00", "0.01"));
    rides.add(ride("thirds", noon, "3.00", "7.00", "10.00", "1.00"));
    rides.add(ride("zero-fare", noon, "2.00", "9.00", "0.00", "0.00"));
    rides.add(ride("tip-above-fare", noon, "0.30", "1.00", "2.50", "7.77"));
    // Each end of both rush hours, local time on a weekday (EST, UTC−5).
    for (String local :
        List.of("06:59", "07:00", "09:59", "10:00", "15:59", "16:00", "19:59", "20:00")) {
      rides.add(
          ride(
              "rush-" + local,
              Instant.parse("2026-11-18T" + local + ":00Z").plusSeconds(5 * 3600),
              "2.00",
              "10.00",
              "9.00",
              "1.00"));
    }
    // Local midnights around a weekend (EST): Friday 23:59 is Saturday in UTC, and so on.
    rides.add(basic("weekend-fri-23:59", "2026-11-21T04:59:00Z"));
    rides.add(basic("weekend-sat-00:00", "2026-11-21T05:00:00Z"));
    rides.add(basic("weekend-sun-23:59", "2026-11-23T04:59:00Z"));
    rides.add(basic("weekend-mon-00:00", "2026-11-23T05:00:00Z"));
    // Daylight saving: spring forward (no 02:00 local) and fall back (01:00 local twice).
    rides.add(basic("dst-spring-01:59", "2026-03-08T06:59:00Z"));
    rides.add(basic("dst-spring-03:00", "2026-03-08T07:00:00Z"));
    rides.add(basic("dst-fall-01:30-edt", "2026-11-01T05:30:00Z"));
    rides.add(basic("dst-fall-01:30-est", "2026-11-01T06:30:00Z"));
    return rides;
  }

  private static ProcessedRide basic(String id, String instant) {
    return ride(id, Instant.parse(instant), "2.00", "10.00", "9.00", "1.00");
  }

  private static ProcessedRide ride(
      String id, Instant eventTs, String miles, String minutes, String fare, String tip) {
    BigDecimal total = new BigDecimal(fare).add(new BigDecimal(tip));
    return new ProcessedRide(
        id,
        eventTs,
        161,
        "Midtown Center",
        "Manhattan",
        237,
        "Upper East Side South",
        "Manhattan",
        1,
        new BigDecimal(miles),
        new BigDecimal(minutes),
        "credit_card",
        "standard",
        new BigDecimal(fare),
        new BigDecimal(tip),
        new BigDecimal("0.00"),
        total,
        CALENDAR);
  }

  /** The rides as the rows {@link RideEnrichment#enrich} takes: valid, classified raw rows. */
  private static String classifiedRowsSql(List<ProcessedRide> rides) {
    String values =
        rides.stream()
            .map(
                r ->
                    "('%s', CAST('%s' AS TIMESTAMP), %d, %d, %d, %s, %s,"
                            .formatted(
                                r.rideId(),
                                r.eventTs(),
                                r.pickupZoneId(),
                                r.dropoffZoneId(),
                                r.passengerCount(),
                                asDouble(r.distance()),
                                asDouble(r.duration()))
                        + " '%s', '%s', %s, %s, %s, %s, 'edge-cases')"
                            .formatted(
                                r.paymentType(),
                                r.rateCode(),
                                asDouble(r.fare()),
                                asDouble(r.tip()),
                                asDouble(r.tolls()),
                                asDouble(r.total())))
            .collect(Collectors.joining(",\n"));
    return ClassifiedRows.sql(values);
  }

  /** A raw amount as the raw files hold it (a double). */
  private static String asDouble(BigDecimal value) {
    return "CAST(%s AS DOUBLE)".formatted(value.toPlainString());
  }
}
