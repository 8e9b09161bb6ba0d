package dev.taxiplatform.orchestrator.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.taxiplatform.orchestrator.engine.PipelineEngine;
import dev.taxiplatform.orchestrator.pipeline.PipelineDefinition;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The orchestrator's web server: the UI ({@code /}), the JSON REST API ({@code /api/…}), Prometheus
 * metrics ({@code /metrics}) and health ({@code /health}, {@code /health/live}, {@code
 * /health/ready}), on the configured address.
 */
public final class OrchestratorWeb implements AutoCloseable {
  private static final int MAX_RUNS = 100;

  private final Map<String, PipelineDefinition> pipelines;
  private final OrchestratorStore store;
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier healthy;
  private final BooleanSupplier ready;
  private final Clock clock;
  private final Javalin app;

  private OrchestratorWeb(
      Map<String, PipelineDefinition> pipelines,
      OrchestratorStore store,
      PrometheusMeterRegistry registry,
      BooleanSupplier healthy,
      BooleanSupplier ready,
      Clock clock) {
    this.pipelines = Map.copyOf(pipelines);
    this.store = requireNonNull(store, "store");
    this.registry = requireNonNull(registry, "registry");
    this.healthy = requireNonNull(healthy, "healthy");
    this.ready = requireNonNull(ready, "ready");
    this.clock = requireNonNull(clock, "clock");
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
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

  /**
   * Starts serving.
   *
   * @param healthy whether the orchestrator is healthy (its engine runs and its database answers),
   *     served as {@code /health} and {@code /health/live}
   * @param ready whether it has reached its database, served as {@code /health/ready}
   */
  public static OrchestratorWeb start(
      String host,
      int port,
      Map<String, PipelineDefinition> pipelines,
      OrchestratorStore store,
      PrometheusMeterRegistry registry,
      BooleanSupplier healthy,
      BooleanSupplier ready,
      Clock clock) {
    OrchestratorWeb web = new OrchestratorWeb(pipelines, store, registry, healthy, ready, clock);
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

  private void routes() {
    app.get("/health", ctx -> health(ctx, healthy));
    app.get("/health/live", ctx -> health(ctx, healthy));
    app.get("/health/ready", ctx -> health(ctx, ready));
    app.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    app.get("/api/pipelines", this::pipelines);
    app.get("/api/pipelines/{name}", ctx -> ctx.json(describe(pipeline(ctx))));
    app.post("/api/pipelines/{name}/pause", ctx -> setPaused(ctx, true));
    app.post("/api/pipelines/{name}/unpause", ctx -> setPaused(ctx, false));
    app.get("/api/pipelines/{name}/runs", this::runs);
    app.post("/api/pipelines/{name}/runs", this::trigger);
    app.get("/api/runs/{id}", this::run);
    app.get("/api/runs/{id}/tasks/{task}/attempts", this::attempts);
    app.get("/api/runs/{id}/tasks/{task}/logs", this::logs);
    app.exception(
        NotFound.class,
        (e, ctx) -> ctx.status(HttpStatus.NOT_FOUND).json(new ApiModels.Error(e.getMessage())));
    app.exception(
        SQLException.class,
        (e, ctx) ->
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                .json(
                    new ApiModels.Error(
                        "The warehouse database is unreachable: " + e.getMessage())));
  }

  private static void health(Context ctx, BooleanSupplier probe) {
    boolean up = probe.getAsBoolean();
    ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .json(Map.of("status", up ? "UP" : "DOWN"));
  }

  private void pipelines(Context ctx) throws SQLException {
    List<ApiModels.Pipeline> described = new ArrayList<>();
    for (PipelineDefinition pipeline : pipelines.values()) {
      described.add(describe(pipeline));
    }
    ctx.json(described);
  }

  private ApiModels.Pipeline describe(PipelineDefinition pipeline) throws SQLException {
    return ApiModels.Pipeline.of(
        pipeline, store.isPaused(pipeline.name(), pipeline.pausedInitially()));
  }

  private void setPaused(Context ctx, boolean paused) throws SQLException {
    PipelineDefinition pipeline = pipeline(ctx);
    store.setPaused(pipeline.name(), paused);
    ctx.json(describe(pipeline));
  }

  private void runs(Context ctx) throws SQLException {
    PipelineDefinition pipeline = pipeline(ctx);
    int limit =
        Math.min(
            MAX_RUNS,
            Optional.ofNullable(ctx.queryParam("limit")).map(Integer::parseInt).orElse(25));
    List<ApiModels.Run> runs = new ArrayList<>();
    for (PipelineRun run : store.recentRuns(pipeline.name(), limit)) {
      runs.add(ApiModels.Run.of(run, store.taskInstances(run.id())));
    }
    ctx.json(runs);
  }

  private void trigger(Context ctx) throws SQLException {
    PipelineDefinition pipeline = pipeline(ctx);
    PipelineRun run = PipelineEngine.trigger(pipelines, store, pipeline.name(), clock.instant());
    ctx.status(HttpStatus.CREATED).json(ApiModels.Run.of(run, List.of()));
  }

  private void run(Context ctx) throws SQLException {
    PipelineRun run = runOf(ctx);
    ctx.json(ApiModels.Run.of(run, store.taskInstances(run.id())));
  }

  private void attempts(Context ctx) throws SQLException {
    PipelineRun run = runOf(ctx);
    ctx.json(
        store.attempts(run.id(), ctx.pathParam("task")).stream()
            .map(ApiModels.Attempt::of)
            .toList());
  }

  private void logs(Context ctx) throws SQLException, IOException {
    PipelineRun run = runOf(ctx);
    List<TaskAttempt> attempts = store.attempts(run.id(), ctx.pathParam("task"));
    if (attempts.isEmpty()) {
      throw new NotFound(
          "Task %s of run %d has no attempts yet".formatted(ctx.pathParam("task"), run.id()));
    }
    int number =
        Optional.ofNullable(ctx.queryParam("attempt"))
            .map(Integer::parseInt)
            .orElse(attempts.size());
    TaskAttempt attempt =
        attempts.stream()
            .filter(a -> a.attempt() == number)
            .findFirst()
            .orElseThrow(() -> new NotFound("No attempt " + number));
    Path log = Path.of(attempt.logPath());
    String text =
        Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output yet)";
    ctx.contentType("text/plain; charset=utf-8").result(text);
  }

  private PipelineDefinition pipeline(Context ctx) {
    String name = ctx.pathParam("name");
    PipelineDefinition pipeline = pipelines.get(name);
    if (pipeline == null) {
      throw new NotFound("No pipeline " + name);
    }
    return pipeline;
  }

  private PipelineRun runOf(Context ctx) throws SQLException {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new NotFound("No run " + ctx.pathParam("id"));
    }
    return store.run(id).orElseThrow(() -> new NotFound("No run " + id));
  }

  /** A resource that does not exist. */
  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }
}
