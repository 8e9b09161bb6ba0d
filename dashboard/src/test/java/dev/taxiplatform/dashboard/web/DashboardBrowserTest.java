package dev.taxiplatform.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.net.PortAllocator;
import dev.taxiplatform.core.testing.HeadlessChromium;
import dev.taxiplatform.dashboard.DashboardServer;
import dev.taxiplatform.dashboard.data.MartQueries;
import dev.taxiplatform.dashboard.testing.MartsFixture;
import dev.taxiplatform.dashboard.testing.TcpProxy;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page in headless Chromium, against known marts and the database's own figures. */
class DashboardBrowserTest {
  private static final List<String> PANELS =
      List.of(
          "kpis",
          "top-zones",
          "payments",
          "hourly",
          "distance-categories",
          "fare-categories",
          "borough-flows");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static MartsFixture marts;
  private static DashboardServer server;
  private static HeadlessChromium browser;

  @BeforeAll
  static void start() {
    marts = MartsFixture.get();
    server = dashboard(marts.reader(), MartQueries.MARTS_SCHEMA);
    browser = HeadlessChromium.start(1280, 900);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static DashboardServer dashboard(WarehouseConnection warehouse, String schema) {
    return DashboardServer.start(
        new DashboardServer.Options(
            warehouse,
            schema,
            "127.0.0.1",
            0,
            2,
            Duration.ofSeconds(30),
            () -> Optional.of(URI.create("http://127.0.0.1:18080")),
            ZoneId.of("America/New_York")));
  }

  @Test
  void everyPanelRendersTheDatabasesFiguresAndTheDateFilterAndCsvFollow() throws Exception {
    ChromeDriver driver = browser.driver();
    driver.manage().window().setSize(new Dimension(1280, 900));
    driver.get(server.url().toString());
    awaitPanels(driver, "", "");

    for (String panel : PANELS.subList(1, PANELS.size())) {
      WebElement section = driver.findElement(By.id("panel-" + panel));
      assertThat(section.findElements(By.cssSelector(".chart svg path")))
          .as(panel + " draws its chart")
          .isNotEmpty();
      assertThat(section.findElements(By.cssSelector(".table tbody tr")))
          .as(panel + " lists its rows")
          .isNotEmpty();
    }
    assertKpisAndTopZoneEqualTheDatabase(driver, null, null);
    assertThat(driver.findElement(By.id("newest-ride")).getText())
        .startsWith("Newest ride: 2026-11-26 23:59 America/New_York (loaded ");
    assertThat(driver.findElement(By.id("last-run-state")).getText()).isEqualTo("success");
    assertThat(driver.findElement(By.id("last-run-link")).getAttribute("href"))
        .isEqualTo("http://127.0.0.1:18080/?pipeline=platform_pipeline");
    assertThat(driver.findElement(By.id("range-note")).getText())
        .isEqualTo("Data: 2026-11-20 – 2026-11-26 (dates in America/New_York)");
    assertThat(driver.findElement(By.cssSelector("#panel-hourly h2")).getText())
        .startsWith("Trips per hour of the day, America/New_York");
    assertThat(driver.findElement(By.id("state-unreachable")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("state-empty")).isDisplayed()).isFalse();
    fullPageScreenshot(browser, "dashboard.png");

    // The date filter: every panel follows it, and the URL keeps it.
    setDate(driver, "from", "2026-11-21");
    setDate(driver, "to", "2026-11-23");
    awaitPanels(driver, "2026-11-21", "2026-11-23");
    assertThat(driver.getCurrentUrl()).endsWith("/?from=2026-11-21&to=2026-11-23");
    assertKpisAndTopZoneEqualTheDatabase(
        driver, LocalDate.parse("2026-11-21"), LocalDate.parse("2026-11-23"));
    assertThat(rowsShown(driver, "hourly").stream().mapToLong(r -> Long.parseLong(r.get(1))).sum())
        .isEqualTo(
            ((Number)
                    single(
                        "select count(*) from public_marts.fact_rides"
                            + " where event_date between '2026-11-21' and '2026-11-23'"))
                .longValue());

    // The CSV download holds the panel's rows.
    Path downloads = Files.createTempDirectory("dashboard-downloads");
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    driver.findElement(By.cssSelector("#panel-top-zones a.csv")).click();
    Path file = downloads.resolve("top-zones_2026-11-21_2026-11-23.csv");
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(file));
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0))
        .isEqualTo("rank,pickup_zone_id,zone,borough,trips,revenue,average_fare,average_tip_pct");
    List<List<String>> shown = rowsShown(driver, "top-zones");
    assertThat(lines).hasSize(shown.size() + 1);
    for (int i = 0; i < shown.size(); i++) {
      String[] fields = lines.get(i + 1).split(",");
      List<String> row = shown.get(i);
      // The panel's table shows rank, zone, borough, trips, revenue, average fare and tip %.
      assertThat(
              List.of(fields[0], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7]))
          .as("row %d", i + 1)
          .isEqualTo(row);
    }
    assertThat(shown.get(0).get(1)).isEqualTo(topZone("2026-11-21", "2026-11-23").get(0));

    // Back to every date.
    driver.findElement(By.id("all-dates")).click();
    awaitPanels(driver, "", "");
    assertThat(driver.getCurrentUrl()).isEqualTo(server.url().toString());
    assertKpisAndTopZoneEqualTheDatabase(driver, null, null);

    // A range given in the URL (a shared link) opens filtered.
    driver.get(server.url() + "?from=2026-11-26&to=2026-11-26");
    awaitPanels(driver, "2026-11-26", "2026-11-26");
    assertThat(kpi(driver, "total_rides").getText()).isEqualTo("4");
    assertThat(kpi(driver, "average_fare").getText()).isEqualTo("$29.38");
    assertThat(driver.findElement(By.cssSelector("#panel-top-zones .headline")).getText())
        .isEqualTo("Top zone: JFK Airport (Queens) — $94.44");
  }

  @Test
  void onAPhoneThePanelsStackInOneColumnWithoutSideScrolling() {
    try (HeadlessChromium phone = HeadlessChromium.start(390, 844)) {
      ChromeDriver driver = phone.driver();
      driver.get(server.url().toString());
      awaitPanels(driver, "", "");
      JavascriptExecutor js = driver;
      long scrollWidth =
          ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
      long clientWidth =
          ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
      assertThat(scrollWidth).isLessThanOrEqualTo(clientWidth);
      WebElement rides = driver.findElement(By.id("kpi-total-rides"));
      WebElement fare = driver.findElement(By.id("kpi-average-fare"));
      WebElement revenue = driver.findElement(By.id("kpi-total-revenue"));
      assertThat(fare.getLocation().getY()).isEqualTo(rides.getLocation().getY());
      assertThat(revenue.getLocation().getY()).isGreaterThan(rides.getLocation().getY());
      WebElement zones = driver.findElement(By.id("panel-top-zones"));
      WebElement payments = driver.findElement(By.id("panel-payments"));
      assertThat(payments.getLocation().getY()).isGreaterThan(zones.getLocation().getY());
      assertThat((long) zones.getSize().getWidth()).isGreaterThan(clientWidth * 9 / 10);
      fullPageScreenshot(phone, "dashboard-phone.png");
    }
  }

  @Test
  void emptyOrAbsentMartsExplainHowToGetData() {
    try (DashboardServer empty = dashboard(marts.reader(), MartsFixture.EMPTY_MARTS);
        DashboardServer absent = dashboard(marts.reader(), "dashboard_test_no_such_schema")) {
      ChromeDriver driver = browser.driver();
      driver.manage().window().setSize(new Dimension(1280, 900));
      driver.get(empty.url().toString());
      awaitState(driver, "empty");
      WebElement state = driver.findElement(By.id("state-empty"));
      assertThat(state.isDisplayed()).isTrue();
      assertThat(driver.findElement(By.id("empty-title")).getText())
          .isEqualTo("No rides in the marts yet");
      assertThat(state.getText()).contains("./platform demo");
      assertThat(driver.findElement(By.id("panels")).isDisplayed()).isFalse();
      assertThat(driver.findElement(By.id("last-run-state")).getText()).isEqualTo("success");
      fullPageScreenshot(browser, "dashboard-empty.png");

      driver.get(absent.url().toString());
      awaitState(driver, "absent");
      assertThat(driver.findElement(By.id("empty-title")).getText())
          .isEqualTo("The dashboard’s marts do not exist yet");
      assertThat(driver.findElement(By.id("state-empty")).getText()).contains("./platform demo");
    }
  }

  @Test
  void anUnreachableWarehouseShowsRetryingThenTheDataWhenItIsBack() throws Exception {
    int port = new PortAllocator().allocate(26432).port();
    WarehouseConnection reader = marts.reader();
    WarehouseConnection viaProxy =
        new WarehouseConnection(
            "127.0.0.1", port, reader.database(), reader.user(), reader.password());
    try (DashboardServer dashboard = dashboard(viaProxy, MartQueries.MARTS_SCHEMA)) {
      ChromeDriver driver = browser.driver();
      driver.manage().window().setSize(new Dimension(1280, 900));
      driver.get(dashboard.url().toString());
      awaitState(driver, "unreachable");
      WebElement banner = driver.findElement(By.id("state-unreachable"));
      assertThat(banner.isDisplayed()).isTrue();
      assertThat(banner.findElement(By.tagName("h2")).getText())
          .isEqualTo("Warehouse unreachable — retrying");
      assertThat(driver.findElement(By.id("unreachable-detail")).getText())
          .startsWith("The warehouse is unreachable (");
      assertThat(driver.findElement(By.id("retry-countdown")).getText())
          .matches("Next try in \\d s\\.|Trying…");
      assertThat(driver.findElement(By.tagName("body")).getText())
          .doesNotContain("Exception")
          .doesNotContain("at dev.taxiplatform");
      fullPageScreenshot(browser, "dashboard-unreachable.png");

      try (TcpProxy proxy = TcpProxy.start(port, reader.host(), reader.port())) {
        assertThat(proxy.port()).isEqualTo(port);
        awaitPanels(driver, "", "");
        assertThat(driver.findElement(By.id("state-unreachable")).isDisplayed()).isFalse();
        assertKpisAndTopZoneEqualTheDatabase(driver, null, null);
      }
    }
  }

  private static void assertKpisAndTopZoneEqualTheDatabase(
      WebDriver driver, LocalDate from, LocalDate to) throws SQLException {
    LocalDate first = from == null ? LocalDate.of(2000, 1, 1) : from;
    LocalDate last = to == null ? LocalDate.of(2099, 12, 31) : to;
    List<Object> truth =
        row(
            "select count(*), round(avg(fare_amount), 2), sum(total_amount), sum(passenger_count)"
                + " from public_marts.fact_rides where event_date between ? and ?",
            first,
            last);
    NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
    NumberFormat money = NumberFormat.getCurrencyInstance(Locale.US);
    assertThat(kpi(driver, "total_rides").getText()).isEqualTo(count.format(truth.get(0)));
    assertThat(kpi(driver, "total_rides").getAttribute("data-value"))
        .isEqualTo(truth.get(0).toString());
    assertThat(kpi(driver, "average_fare").getText()).isEqualTo(money.format(truth.get(1)));
    assertThat(kpi(driver, "average_fare").getAttribute("data-value"))
        .isEqualTo(((BigDecimal) truth.get(1)).toPlainString());
    assertThat(kpi(driver, "total_revenue").getText()).isEqualTo(money.format(truth.get(2)));
    assertThat(kpi(driver, "total_revenue").getAttribute("data-value"))
        .isEqualTo(((BigDecimal) truth.get(2)).toPlainString());
    assertThat(kpi(driver, "total_passengers").getText()).isEqualTo(count.format(truth.get(3)));

    List<String> top = topZone(first.toString(), last.toString());
    assertThat(driver.findElement(By.cssSelector("#panel-top-zones .headline")).getText())
        .isEqualTo(
            "Top zone: %s (%s) — %s"
                .formatted(top.get(0), top.get(1), money.format(new BigDecimal(top.get(2)))));
    assertThat(
            driver.findElements(By.cssSelector("#panel-top-zones .chart svg text")).stream()
                .map(WebElement::getText)
                .toList())
        .as("the chart labels the top zone")
        .contains(top.get(0));
  }

  /** The database's top zone by revenue over a range: name, borough, revenue. */
  private static List<String> topZone(String from, String to) throws SQLException {
    List<Object> top =
        row(
            "select pickup_zone_name, pickup_borough, sum(total_amount) from public_marts.fact_rides"
                + " where event_date between ? and ? group by pickup_zone_id, pickup_zone_name,"
                + " pickup_borough order by 3 desc, pickup_zone_id limit 1",
            LocalDate.parse(from),
            LocalDate.parse(to));
    return List.of(
        top.get(0).toString(), top.get(1).toString(), ((BigDecimal) top.get(2)).toPlainString());
  }

  private static WebElement kpi(WebDriver driver, String field) {
    return driver.findElement(
        By.cssSelector("#panel-kpis .value[data-field='%s']".formatted(field)));
  }

  private static List<List<String>> rowsShown(WebDriver driver, String panel) {
    List<List<String>> rows = new ArrayList<>();
    for (WebElement tr :
        driver.findElements(By.cssSelector("#panel-%s .table tbody tr".formatted(panel)))) {
      rows.add(
          tr.findElements(By.tagName("td")).stream()
              .map(td -> td.getAttribute("textContent"))
              .toList());
    }
    return rows;
  }

  private static void setDate(WebDriver driver, String id, String value) {
    ((JavascriptExecutor) driver)
        .executeScript(
            "const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                + " input.dispatchEvent(new Event('change'));",
            id,
            value);
  }

  private static void awaitPanels(WebDriver driver, String from, String to) {
    new WebDriverWait(driver, Duration.ofSeconds(60))
        .until(
            d ->
                "ready".equals(d.findElement(By.tagName("body")).getAttribute("data-state"))
                    && PANELS.stream()
                        .map(p -> d.findElement(By.id("panel-" + p)))
                        .allMatch(
                            s ->
                                "rendered".equals(s.getAttribute("data-state"))
                                    && from.equals(s.getAttribute("data-from"))
                                    && to.equals(s.getAttribute("data-to"))));
  }

  private static void awaitState(WebDriver driver, String state) {
    new WebDriverWait(driver, Duration.ofSeconds(60))
        .until(d -> state.equals(d.findElement(By.tagName("body")).getAttribute("data-state")));
  }

  private static void fullPageScreenshot(HeadlessChromium chromium, String name) {
    ChromeDriver driver = chromium.driver();
    Dimension before = driver.manage().window().getSize();
    long height =
        ((Number)
                ((JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollHeight"))
            .longValue();
    driver.manage().window().setSize(new Dimension(before.getWidth(), (int) height + 120));
    try {
      chromium.screenshot(SCREENSHOTS.resolve(name));
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  private static Object single(String sql, Object... params) throws SQLException {
    return row(sql, params).get(0);
  }

  private static List<Object> row(String sql, Object... params) throws SQLException {
    try (Connection connection = marts.platform().open();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          values.add(result.getObject(i));
        }
        return values;
      }
    }
  }
}
