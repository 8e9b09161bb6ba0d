package dev.taxiplatform.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.net.PortAllocator;
import dev.taxiplatform.dashboard.DashboardServer;
import dev.taxiplatform.dashboard.data.BoroughFlow;
import dev.taxiplatform.dashboard.data.CategoryStats;
import dev.taxiplatform.dashboard.data.DateRange;
import dev.taxiplatform.dashboard.data.HourlyTrips;
import dev.taxiplatform.dashboard.data.Kpis;
import dev.taxiplatform.dashboard.data.MartQueries;
import dev.taxiplatform.dashboard.data.Panel;
import dev.taxiplatform.dashboard.data.PaymentRevenue;
import dev.taxiplatform.dashboard.data.ZoneRevenue;
import dev.taxiplatform.dashboard.testing.Expected;
import dev.taxiplatform.dashboard.testing.Http;
import dev.taxiplatform.dashboard.testing.MartsFixture;
import dev.taxiplatform.dashboard.testing.PanelResponse;
import dev.taxiplatform.dashboard.testing.TestRides;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON and CSV endpoints against known marts, value for value. */
class DashboardApiTest {
  private static final ObjectMapper JSON =
      DashboardWeb.objectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final URI ORCHESTRATOR = URI.create("http://127.0.0.1:18080");

  private static MartsFixture marts;
  private static DashboardServer server;

  @BeforeAll
  static void start() {
    marts = MartsFixture.get();
    server = start(marts.reader(), MartQueries.MARTS_SCHEMA, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static DashboardServer start(WarehouseConnection warehouse, String schema, Duration refresh) {
    return DashboardServer.start(
        new DashboardServer.Options(
            warehouse,
            schema,
            "127.0.0.1",
            0,
            2,
            refresh,
            () -> Optional.of(ORCHESTRATOR),
            ZoneId.of("America/New_York")));
  }

  @Test
  void theHandMadeDayShowsExactlyTheseFigures() throws Exception {
    String day = "?from=2026-11-26&to=2026-11-26";
    HttpResponse<String> ready = Http.get(server.url(), "/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"warehouse\":\"ready\"}");
    HttpResponse<String> kpis = Http.get(server.url(), "/api/panels/kpis" + day);

    assertThat(kpis.statusCode()).isEqualTo(200);
    assertThat(kpis.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(kpis.body())
        .isEqualTo(
            "{\"panel\":\"kpis\",\"title\":\"Key figures\",\"from\":\"2026-11-26\","
                + "\"to\":\"2026-11-26\",\"rows\":[{\"total_rides\":4,\"average_fare\":29.38,"
                + "\"total_revenue\":160.73,\"total_passengers\":7}]}");
    assertThat(rows(Panel.TOP_ZONES, day, ZoneRevenue.class))
        .containsExactly(
            new ZoneRevenue(
                1, 132, "JFK Airport", "Queens", 1, money("94.44"), money("70.00"), money("20.00")),
            new ZoneRevenue(
                2,
                138,
                "LaGuardia Airport",
                "Queens",
                1,
                money("41.54"),
                money("31.70"),
                money("20.00")),
            new ZoneRevenue(
                3,
                161,
                "Midtown Center",
                "Manhattan",
                2,
                money("24.75"),
                money("7.90"),
                money("15.00")));
    assertThat(rows(Panel.PAYMENTS, day, PaymentRevenue.class))
        .containsExactly(
            new PaymentRevenue(
                "credit_card", 3, money("147.93"), money("92.04"), money("36.07"), money("23.33")),
            new PaymentRevenue(
                "cash", 1, money("12.80"), money("7.96"), money("9.30"), money("0.00")));
    List<HourlyTrips> hourly = rows(Panel.HOURLY, day, HourlyTrips.class);
    assertThat(hourly).hasSize(24);
    assertThat(hourly.get(8)).isEqualTo(new HourlyTrips(8, 2, money("39.65"), money("107.24")));
    assertThat(hourly.get(17)).isEqualTo(new HourlyTrips(17, 1, money("6.50"), money("11.95")));
    assertThat(hourly.get(23)).isEqualTo(new HourlyTrips(23, 1, money("31.70"), money("41.54")));
    assertThat(hourly.get(0)).isEqualTo(new HourlyTrips(0, 0, null, money("0.00")));
    assertThat(rows(Panel.DISTANCE_CATEGORIES, day, CategoryStats.class))
        .containsExactly(
            new CategoryStats("short", 2, money("7.90"), money("15.00"), money("24.75")),
            new CategoryStats("medium", 1, money("31.70"), money("20.00"), money("41.54")),
            new CategoryStats("long", 1, money("70.00"), money("20.00"), money("94.44")));
    assertThat(rows(Panel.FARE_CATEGORIES, day, CategoryStats.class))
        .containsExactly(
            new CategoryStats("budget", 2, money("7.90"), money("15.00"), money("24.75")),
            new CategoryStats("standard", 0, null, null, money("0.00")),
            new CategoryStats("premium", 2, money("50.85"), money("20.00"), money("135.98")));
    assertThat(rows(Panel.BOROUGH_FLOWS, day, BoroughFlow.class))
        .containsExactly(
            new BoroughFlow(
                1,
                "Manhattan → Manhattan",
                "Manhattan",
                "Manhattan",
                2,
                money("24.75"),
                money("7.90")),
            new BoroughFlow(
                2, "Queens → Brooklyn", "Queens", "Brooklyn", 1, money("41.54"), money("31.70")),
            new BoroughFlow(
                3, "Queens → Manhattan", "Queens", "Manhattan", 1, money("94.44"), money("70.00")));
  }

  @Test
  void everyPanelEqualsItsRidesOverEveryKindOfRange() throws Exception {
    List<String> ranges =
        List.of(
            "",
            "?from=2026-11-21&to=2026-11-23",
            "?from=2026-11-22&to=2026-11-22",
            "?from=2026-11-24",
            "?to=2026-11-20",
            "?from=2026-11-25&to=2026-11-25",
            "?from=2026-12-01&to=2026-12-31");
    for (String query : ranges) {
      Map<String, String> params = params(query);
      Expected expected =
          new Expected(marts.rides(), DateRange.parse(params.get("from"), params.get("to")));
      assertThat(rows(Panel.KPIS, query, Kpis.class)).as(query).containsExactly(expected.kpis());
      assertThat(rows(Panel.TOP_ZONES, query, ZoneRevenue.class))
          .as(query)
          .isEqualTo(expected.topZones());
      assertThat(rows(Panel.PAYMENTS, query, PaymentRevenue.class))
          .as(query)
          .isEqualTo(expected.payments());
      assertThat(rows(Panel.HOURLY, query, HourlyTrips.class))
          .as(query)
          .isEqualTo(expected.hourly());
      assertThat(rows(Panel.DISTANCE_CATEGORIES, query, CategoryStats.class))
          .as(query)
          .isEqualTo(expected.distanceCategories());
      assertThat(rows(Panel.FARE_CATEGORIES, query, CategoryStats.class))
          .as(query)
          .isEqualTo(expected.fareCategories());
      assertThat(rows(Panel.BOROUGH_FLOWS, query, BoroughFlow.class))
          .as(query)
          .isEqualTo(expected.boroughFlows());
    }
    Expected all = new Expected(marts.rides(), DateRange.ALL);
    assertThat(all.kpis().totalRides()).isEqualTo(2404);
    assertThat(all.topZones()).hasSize(10);
    assertThat(all.boroughFlows()).hasSize(10);
  }

  @Test
  void csvHasTheJsonsValuesWithAHeaderAndAFileName() {
    HttpResponse<String> csv =
        Http.get(server.url(), "/api/panels/fare-categories.csv?from=2026-11-26&to=2026-11-26");

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("content-type")).contains("text/csv; charset=utf-8");
    assertThat(csv.headers().firstValue("content-disposition"))
        .contains("attachment; filename=\"fare-categories_2026-11-26_2026-11-26.csv\"");
    assertThat(csv.body())
        .isEqualTo(
            "category,trips,average_fare,average_tip_pct,revenue\r\n"
                + "budget,2,7.90,15.00,24.75\r\n"
                + "standard,0,,,0.00\r\n"
                + "premium,2,50.85,20.00,135.98\r\n");
    assertThat(Http.get(server.url(), "/api/panels/kpis.csv").body())
        .isEqualTo(
            "total_rides,average_fare,total_revenue,total_passengers\r\n"
                + new Expected(marts.rides(), DateRange.ALL).kpis().totalRides()
                + ","
                + new Expected(marts.rides(), DateRange.ALL).kpis().averageFare()
                + ","
                + new Expected(marts.rides(), DateRange.ALL).kpis().totalRevenue()
                + ","
                + new Expected(marts.rides(), DateRange.ALL).kpis().totalPassengers()
                + "\r\n");
  }

  @Test
  void statusTellsTheDataSpanFreshnessAndLastPipelineRun() throws Exception {
    JsonNode status = JSON.readTree(Http.get(server.url(), "/api/status").body());

    assertThat(status.get("state").asText()).isEqualTo("ready");
    assertThat(status.get("message").asText()).isEmpty();
    assertThat(status.get("rides").asLong()).isEqualTo(2404);
    assertThat(status.get("first_date").asText()).isEqualTo("2026-11-20");
    assertThat(status.get("time_zone").asText()).isEqualTo("America/New_York");
    assertThat(status.get("last_date").asText()).isEqualTo(TestRides.HANDMADE_DAY.toString());
    assertThat(status.get("newest_ride").asText()).isEqualTo("2026-11-27T04:59:59Z");
    assertThat(status.get("last_run").get("pipeline").asText()).isEqualTo("platform_pipeline");
    assertThat(status.get("last_run").get("state").asText()).isEqualTo("success");
    assertThat(status.get("last_run").get("ended_at").asText()).isEqualTo("2026-11-27T06:04:10Z");
    assertThat(status.get("last_run_url").asText())
        .isEqualTo("http://127.0.0.1:18080/?pipeline=platform_pipeline");
    assertThat(status.get("refresh_seconds").asLong()).isEqualTo(30);

    JsonNode panels = JSON.readTree(Http.get(server.url(), "/api/panels").body());
    assertThat(panels).hasSize(7);
    assertThat(panels.get(1).get("id").asText()).isEqualTo("top-zones");
    assertThat(panels.get(1).get("csv").asText()).isEqualTo("/api/panels/top-zones.csv");
  }

  @Test
  void badRequestsAreExplained() throws Exception {
    HttpResponse<String> badDate = Http.get(server.url(), "/api/panels/kpis?from=2026-13-01");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badDate.body()).get("error").asText())
        .isEqualTo("from must be a date as YYYY-MM-DD, not '2026-13-01'.");

    HttpResponse<String> reversed =
        Http.get(server.url(), "/api/panels/hourly?from=2026-11-23&to=2026-11-21");
    assertThat(reversed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(reversed.body()).get("error").asText())
        .isEqualTo("The range's start (from=2026-11-23) is after its end (to=2026-11-21).");

    HttpResponse<String> unknown = Http.get(server.url(), "/api/panels/pie");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).get("error").asText())
        .isEqualTo("No panel pie; see /api/panels");
  }

  @Test
  void absentAndEmptyMartsAreStatesNotErrors() throws Exception {
    try (DashboardServer absent =
            start(marts.reader(), "dashboard_test_no_such_schema", Duration.ofSeconds(30));
        DashboardServer empty =
            start(marts.reader(), MartsFixture.EMPTY_MARTS, Duration.ofSeconds(30))) {
      JsonNode absentStatus = JSON.readTree(Http.get(absent.url(), "/api/status").body());
      assertThat(absentStatus.get("state").asText()).isEqualTo("absent");
      assertThat(absentStatus.get("message").asText())
          .startsWith("The dashboard's marts do not exist yet")
          .contains("./platform demo");
      HttpResponse<String> absentPanel = Http.get(absent.url(), "/api/panels/top-zones");
      assertThat(absentPanel.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(absentPanel.body()).get("state").asText()).isEqualTo("absent");

      JsonNode emptyStatus = JSON.readTree(Http.get(empty.url(), "/api/status").body());
      assertThat(emptyStatus.get("state").asText()).isEqualTo("empty");
      assertThat(emptyStatus.get("message").asText()).contains("./platform demo");
      assertThat(emptyStatus.get("first_date").isNull()).isTrue();
      assertThat(kpis(empty, "")).isEqualTo(new Kpis(0, null, money("0.00"), 0));
      assertThat(Http.get(empty.url(), "/api/panels/top-zones").body()).endsWith("\"rows\":[]}");
    }
  }

  @Test
  void anUnreachableWarehouseIsAStateTheHealthCheckReportsButDoesNotFail() throws Exception {
    int deadPort = new PortAllocator().allocate(25432).port();
    WarehouseConnection nowhere =
        new WarehouseConnection("127.0.0.1", deadPort, "warehouse", "platform_reader", "x");
    try (DashboardServer dashboard =
        start(nowhere, MartQueries.MARTS_SCHEMA, Duration.ofSeconds(30))) {
      JsonNode status = JSON.readTree(Http.get(dashboard.url(), "/api/status").body());
      assertThat(status.get("state").asText()).isEqualTo("unreachable");
      assertThat(status.get("message").asText())
          .startsWith("The warehouse is unreachable (")
          .contains("Retrying");
      assertThat(status.get("retry_seconds").asLong()).isEqualTo(5);

      HttpResponse<String> panel = Http.get(dashboard.url(), "/api/panels/kpis");
      assertThat(panel.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(panel.body()).get("state").asText()).isEqualTo("unreachable");

      HttpResponse<String> health = Http.get(dashboard.url(), "/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"warehouse\":\"unreachable\"}");
      HttpResponse<String> live = Http.get(dashboard.url(), "/health/live");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo(health.body());
      HttpResponse<String> ready = Http.get(dashboard.url(), "/health/ready");
      assertThat(ready.statusCode()).as("not ready: its pool cannot query").isEqualTo(503);
      assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"warehouse\":\"unreachable\"}");
      assertThat(Http.get(dashboard.url(), "/metrics").body())
          .contains("taxi_dashboard_warehouse_up 0.0");
    }
  }

  @Test
  void resultsAreKeptForTheRefreshIntervalAndSharedAcrossRequests() throws Exception {
    String schema = "dashboard_test_kept";
    MartsFixture.execute(
        marts.platform(),
        "drop schema if exists " + schema + " cascade",
        "create schema " + schema,
        "create table %s.daily_hours (like %s.daily_hours)"
            .formatted(schema, MartsFixture.EMPTY_MARTS));
    try (DashboardServer dashboard = start(marts.reader(), schema, Duration.ofHours(1))) {
      assertThat(kpis(dashboard, "").totalRides()).isZero();
      MartsFixture.execute(
          marts.platform(),
          "insert into %s.daily_hours (event_date, event_hour, trip_count, passenger_sum,"
                  .formatted(schema)
              + " fare_sum, tip_pct_sum, revenue_sum) values ('2026-11-20', 7, 5, 6, 50.00, 0,"
              + " 60.00)");

      assertThat(kpis(dashboard, "").totalRides()).as("kept").isZero();
      assertThat(kpis(dashboard, "?from=2026-11-20").totalRides()).as("another range").isEqualTo(5);
      String metrics = Http.get(dashboard.url(), "/metrics").body();
      assertThat(metrics)
          .contains("taxi_dashboard_cache_requests_total{result=\"hit\"} 1.0")
          .contains("taxi_dashboard_cache_requests_total{result=\"miss\"} 2.0")
          .contains("taxi_dashboard_query_seconds_count{panel=\"kpis\"} 2");

      dashboard.data().forget();
      assertThat(kpis(dashboard, "")).isEqualTo(new Kpis(5, money("10.00"), money("60.00"), 6));
    } finally {
      MartsFixture.execute(marts.platform(), "drop schema if exists " + schema + " cascade");
    }
  }

  private static Kpis kpis(DashboardServer dashboard, String query) throws Exception {
    PanelResponse<Kpis> response =
        JSON.readValue(
            Http.get(dashboard.url(), "/api/panels/kpis" + query).body(), responseType(Kpis.class));
    return response.rows().get(0);
  }

  private static <T> List<T> rows(Panel panel, String query, Class<T> type) throws Exception {
    HttpResponse<String> response = Http.get(server.url(), "/api/panels/" + panel.id() + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    PanelResponse<T> parsed = JSON.readValue(response.body(), responseType(type));
    assertThat(parsed.panel()).isEqualTo(panel.id());
    Map<String, String> params = params(query);
    assertThat(parsed.from()).isEqualTo(date(params.get("from")));
    assertThat(parsed.to()).isEqualTo(date(params.get("to")));
    return parsed.rows();
  }

  private static JavaType responseType(Class<?> rowType) {
    return JSON.getTypeFactory().constructParametricType(PanelResponse.class, rowType);
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new java.util.HashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.substring(1).split("&")) {
        String[] parts = pair.split("=", 2);
        params.put(parts[0], parts[1]);
      }
    }
    return params;
  }

  private static LocalDate date(String value) {
    return value == null ? null : LocalDate.parse(value);
  }

  private static BigDecimal money(String value) {
    return new BigDecimal(value);
  }
}
