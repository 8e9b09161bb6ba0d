package dev.taxiplatform.dashboard.data;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the page shows: each panel over a date range and the warehouse's state, with results kept
 * for the refresh interval (a page load, the auto-refresh of every open page and the JSON API's
 * other users share them), and failures told apart: warehouse unreachable, marts absent.
 */
public final class DashboardData {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardData.class);
  private static final String STATUS = "status";
  private static final int MAX_CACHED = 512;
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final MartQueries queries;
  private final Duration refreshInterval;
  private final Supplier<Optional<URI>> orchestratorUrl;
  private final ZoneId timeZone;
  private final Clock clock;
  private final ResultCache<PanelKey, PanelData> panels;
  private final ResultCache<String, DashboardStatus> statuses;
  private final Map<Panel, Timer> queryTimers = new EnumMap<>(Panel.class);
  private final Counter hits;
  private final Counter misses;
  private final AtomicInteger warehouseUp = new AtomicInteger(-1);

  private record PanelKey(Panel panel, DateRange range) {}

  /**
   * @param queries the marts' queries
   * @param refreshInterval how often the page refreshes; results are kept this long
   * @param orchestratorUrl the orchestrator's UI, when known (asked at each status check)
   * @param registry where the dashboard's meters go
   * @param timeZone the business time zone the marts' dates and hours are local to
   * @param clock the time of status checks
   */
  public DashboardData(
      MartQueries queries,
      Duration refreshInterval,
      Supplier<Optional<URI>> orchestratorUrl,
      MeterRegistry registry,
      ZoneId timeZone,
      Clock clock) {
    this.queries = requireNonNull(queries, "queries");
    this.refreshInterval = requireNonNull(refreshInterval, "refreshInterval");
    this.orchestratorUrl = requireNonNull(orchestratorUrl, "orchestratorUrl");
    this.timeZone = requireNonNull(timeZone, "timeZone");
    this.clock = requireNonNull(clock, "clock");
    this.panels = new ResultCache<>(refreshInterval, MAX_CACHED, System::nanoTime);
    this.statuses = new ResultCache<>(refreshInterval, 1, System::nanoTime);
    for (Panel panel : Panel.values()) {
      queryTimers.put(
          panel,
          Timer.builder("taxi.dashboard.query")
              .description("Time to compute a panel from the marts (cache misses only)")
              .tag("panel", panel.id())
              .register(registry));
    }
    this.hits = cacheCounter(registry, "hit");
    this.misses = cacheCounter(registry, "miss");
    Gauge.builder("taxi.dashboard.warehouse.up", warehouseUp, AtomicInteger::get)
        .description("1 when the last query reached the warehouse, 0 when not, -1 before any")
        .register(registry);
  }

  /** A panel's rows over {@code range}. */
  public PanelData panel(Panel panel, DateRange range) throws WarehouseUnavailableException {
    ResultCache.Result<PanelData> result =
        panels.lookup(
            new PanelKey(panel, range),
            () -> compute(panel, range),
            WarehouseUnavailableException.class);
    (result.outcome() == ResultCache.Outcome.HIT ? hits : misses).increment();
    return result.value();
  }

  /**
   * The warehouse's state and the data's freshness. Never fails: an unreachable warehouse or absent
   * marts are states (and are checked afresh at every call, so the page sees a recovery at once).
   */
  public DashboardStatus status() {
    try {
      return statuses.get(STATUS, this::checkStatus, StatusNotKept.class);
    } catch (StatusNotKept e) {
      return e.status;
    }
  }

  /** Forgets kept results (e.g. after the marts changed under a test). */
  public void forget() {
    panels.clear();
    statuses.clear();
  }

  private PanelData compute(Panel panel, DateRange range) throws WarehouseUnavailableException {
    Timer.Sample sample = Timer.start();
    try {
      List<? extends Record> rows = queries.panel(panel, range);
      warehouseUp.set(1);
      return PanelData.of(panel, range, rows);
    } catch (SQLException e) {
      throw unavailable(e);
    } finally {
      sample.stop(queryTimers.get(panel));
    }
  }

  /** Computes the status; a state worth re-checking at once is thrown rather than kept. */
  private DashboardStatus checkStatus() throws StatusNotKept {
    MartsSummary summary;
    try {
      summary = queries.summary();
      warehouseUp.set(1);
    } catch (SQLException e) {
      WarehouseUnavailableException failure = unavailable(e);
      DashboardStatus.State state =
          switch (failure.failure()) {
            case UNREACHABLE -> DashboardStatus.State.UNREACHABLE;
            case MARTS_ABSENT -> DashboardStatus.State.ABSENT;
            case OTHER -> DashboardStatus.State.ERROR;
          };
      throw new StatusNotKept(status(state, failure.getMessage(), null, lastRunIfReachable(state)));
    }
    if (summary.rides() == 0) {
      return status(
          DashboardStatus.State.EMPTY,
          "The marts hold no rides yet. Run `./platform demo` to stream a simulated day of rides"
              + " through the pipeline (or run the pipeline: `./platform pipeline run"
              + " platform_pipeline`); this page refreshes by itself.",
          summary,
          lastRun());
    }
    return status(DashboardStatus.State.READY, "", summary, lastRun());
  }

  private Optional<PipelineRunInfo> lastRunIfReachable(DashboardStatus.State state) {
    return state == DashboardStatus.State.UNREACHABLE ? Optional.empty() : lastRun();
  }

  private Optional<PipelineRunInfo> lastRun() {
    try {
      return queries.lastPipelineRun();
    } catch (SQLException e) {
      LOG.warn("Cannot read the last pipeline run: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private DashboardStatus status(
      DashboardStatus.State state,
      String message,
      MartsSummary summary,
      Optional<PipelineRunInfo> lastRun) {
    Optional<URI> orchestrator = orchestratorUrl.get();
    String runUrl =
        lastRun
            .flatMap(
                run ->
                    orchestrator.map(
                        uri ->
                            uri.resolve(
                                    "/?pipeline="
                                        + URLEncoder.encode(run.pipeline(), StandardCharsets.UTF_8))
                                .toString()))
            .orElse(null);
    return new DashboardStatus(
        state.id(),
        message,
        summary == null ? 0 : summary.rides(),
        summary == null ? null : summary.firstDate().orElse(null),
        summary == null ? null : summary.lastDate().orElse(null),
        summary == null ? null : summary.newestRide().orElse(null),
        summary == null ? null : summary.newestLoad().orElse(null),
        lastRun.orElse(null),
        runUrl,
        orchestrator.map(URI::toString).orElse(null),
        timeZone.getId(),
        refreshInterval.toSeconds(),
        RETRY.toSeconds(),
        clock.instant());
  }

  private WarehouseUnavailableException unavailable(SQLException e) {
    WarehouseFailure failure = WarehouseFailure.of(e);
    if (failure == WarehouseFailure.UNREACHABLE) {
      warehouseUp.set(0);
    }
    String message =
        switch (failure) {
          case UNREACHABLE ->
              "The warehouse is unreachable (%s). Retrying; is the stack running (`./platform"
                  + " status`)?".formatted(rootMessage(e));
          case MARTS_ABSENT ->
              "The dashboard's marts do not exist yet: the SQL models have not been built in this"
                  + " warehouse. Run `./platform demo` to stream a simulated day of rides through"
                  + " the whole pipeline (or `./platform transform build --project-dir dbt` if"
                  + " rides are loaded already); this page refreshes by itself.";
          case OTHER -> "A dashboard query failed: " + e.getMessage();
        };
    if (failure == WarehouseFailure.OTHER) {
      LOG.error("Dashboard query failed", e);
    } else {
      LOG.debug("{}", message);
    }
    return new WarehouseUnavailableException(failure, message, e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static Counter cacheCounter(MeterRegistry registry, String result) {
    return Counter.builder("taxi.dashboard.cache.requests")
        .description("Panel requests answered from kept results (hit) or by a query (miss)")
        .tag("result", result)
        .register(registry);
  }

  /** Carries a status that must not be kept out of the cache. */
  private static final class StatusNotKept extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient DashboardStatus status;

    StatusNotKept(DashboardStatus status) {
      super(status.state(), null, false, false);
      this.status = status;
    }
  }
}
