package dev.taxiplatform.dashboard.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.taxiplatform.dashboard.data.DashboardData;
import dev.taxiplatform.dashboard.data.DashboardStatus;
import dev.taxiplatform.dashboard.data.DateRange;
import dev.taxiplatform.dashboard.data.Panel;
import dev.taxiplatform.dashboard.data.PanelData;
import dev.taxiplatform.dashboard.data.WarehouseFailure;
import dev.taxiplatform.dashboard.data.WarehouseUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's web server on the configured address: the page ({@code /}, rendered in the
 * browser from the JSON API), the API ({@code /api/status}, {@code /api/panels}, {@code
 * /api/panels/<panel>} and {@code /api/panels/<panel>.csv}, each panel taking {@code from} and
 * {@code to} dates), {@code /metrics}, {@code /health} and {@code /health/live} (up while it
 * serves) and {@code /health/ready} (up once it can query the warehouse).
 */
public final class DashboardWeb implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardWeb.class);
  private static final String CSV_SUFFIX = ".csv";

  private final DashboardData data;
  private final PrometheusMeterRegistry registry;
  private final ObjectMapper json;
  private final PanelCsv csv;
  private final Javalin app;

  private DashboardWeb(DashboardData data, PrometheusMeterRegistry registry) {
    this.data = requireNonNull(data, "data");
    this.registry = requireNonNull(registry, "registry");
    this.json = objectMapper();
    this.csv = new PanelCsv();
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(json, false));
              config.staticFiles.add("/web", Location.CLASSPATH);
              config.staticFiles.enableWebjars();
            });
    routes();
  }

  /** Starts serving on {@code host:port} (0: a free port). */
  public static DashboardWeb start(
      String host, int port, DashboardData data, PrometheusMeterRegistry registry) {
    DashboardWeb web = new DashboardWeb(data, registry);
    web.app.start(host, port);
    return web;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  /** The JSON the API writes: snake_case fields, ISO dates, exact decimals. */
  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  }

  private void routes() {
    app.before("/api/*", ctx -> ctx.header("Cache-Control", "no-cache"));
    app.get("/health", this::health);
    app.get("/health/live", this::health);
    app.get("/health/ready", this::readiness);
    app.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    app.get("/api/status", ctx -> ctx.json(data.status()));
    app.get("/api/panels", this::panels);
    app.get("/api/panels/{panel}", this::panel);
    app.exception(
        IllegalArgumentException.class,
        (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, "bad_request", e.getMessage()));
    app.exception(
        WarehouseUnavailableException.class,
        (e, ctx) ->
            error(
                ctx,
                e.failure() == WarehouseFailure.MARTS_ABSENT
                    ? HttpStatus.NOT_FOUND
                    : e.failure() == WarehouseFailure.UNREACHABLE
                        ? HttpStatus.SERVICE_UNAVAILABLE
                        : HttpStatus.INTERNAL_SERVER_ERROR,
                switch (e.failure()) {
                  case MARTS_ABSENT -> DashboardStatus.State.ABSENT.id();
                  case UNREACHABLE -> DashboardStatus.State.UNREACHABLE.id();
                  case OTHER -> DashboardStatus.State.ERROR.id();
                },
                e.getMessage()));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Request {} failed", ctx.path(), e);
          error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "error", "Internal error: " + e);
        });
  }

  /** Healthy while it serves: the warehouse's reachability is reported, not judged. */
  private void health(Context ctx) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("status", "UP");
    body.put("warehouse", data.status().state());
    ctx.json(body);
  }

  /**
   * Ready once its pool reaches the warehouse and can query it (the marts may still be absent or
   * empty: the page says so).
   */
  private void readiness(Context ctx) {
    String state = data.status().state();
    boolean ready =
        state.equals(DashboardStatus.State.READY.id())
            || state.equals(DashboardStatus.State.EMPTY.id())
            || state.equals(DashboardStatus.State.ABSENT.id());
    Map<String, String> body = new LinkedHashMap<>();
    body.put("status", ready ? "UP" : "DOWN");
    body.put("warehouse", state);
    ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  private void panels(Context ctx) {
    List<Map<String, String>> panels =
        Arrays.stream(Panel.values())
            .map(
                p ->
                    Map.of(
                        "id",
                        p.id(),
                        "title",
                        p.title(),
                        "json",
                        "/api/panels/" + p.id(),
                        "csv",
                        "/api/panels/" + p.id() + CSV_SUFFIX))
            .toList();
    ctx.json(panels);
  }

  private void panel(Context ctx) throws WarehouseUnavailableException {
    String requested = ctx.pathParam("panel");
    boolean asCsv = requested.endsWith(CSV_SUFFIX);
    String id =
        asCsv ? requested.substring(0, requested.length() - CSV_SUFFIX.length()) : requested;
    Panel panel = Panel.byId(id).orElse(null);
    if (panel == null) {
      error(ctx, HttpStatus.NOT_FOUND, "not_found", "No panel " + id + "; see /api/panels");
      return;
    }
    DateRange range = DateRange.parse(ctx.queryParam("from"), ctx.queryParam("to"));
    PanelData result = data.panel(panel, range);
    if (asCsv) {
      ctx.header(
          "Content-Disposition", "attachment; filename=\"%s\"".formatted(fileName(panel, range)));
      ctx.contentType("text/csv; charset=utf-8").result(csv.render(panel, result));
    } else {
      ctx.json(result);
    }
  }

  static String fileName(Panel panel, DateRange range) {
    return "%s_%s_%s.csv"
        .formatted(
            panel.id(),
            range.from().map(Object::toString).orElse("start"),
            range.to().map(Object::toString).orElse("end"));
  }

  private static void error(Context ctx, HttpStatus status, String state, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("state", state);
    body.put("error", message);
    ctx.status(status).json(body);
  }
}
