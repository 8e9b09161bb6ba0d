package dev.taxiplatform.dashboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import dev.taxiplatform.dashboard.bench.ProjectCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The test JVM's warehouse with known marts: the shared local stack, the warehouse schema migrated
 * ({@code platform load --migrate-only}), known rides staged, the platform's SQL models built on
 * them ({@code platform transform build}), a pipeline run recorded, and an empty copy of the marts
 * in another schema. Built once per JVM.
 */
public final class MartsFixture {
  /** A schema holding the marts' tables, empty. */
  public static final String EMPTY_MARTS = "dashboard_test_empty_marts";

  private static MartsFixture shared;

  private final LocalStack stack;
  private final List<ProcessedRide> rides;

  private MartsFixture(LocalStack stack, List<ProcessedRide> rides) {
    this.stack = stack;
    this.rides = rides;
  }

  public static synchronized MartsFixture get() {
    if (shared == null) {
      shared = build();
    }
    return shared;
  }

  /** Every staged ride. */
  public List<ProcessedRide> rides() {
    return rides;
  }

  /** The dashboard's read-only login to this warehouse. */
  public WarehouseConnection reader() {
    return stack.connections().warehouseReader().orElseThrow();
  }

  /** The platform's own login (owner of the marts). */
  public WarehouseConnection platform() {
    return stack.connections().warehouse();
  }

  public LocalStack stack() {
    return stack;
  }

  private static MartsFixture build() {
    LocalStack stack = LocalStack.shared();
    String dataDir = stack.dataDir().toString();
    PlatformCli.Result migrated = stack.cli().run("load", "--migrate-only", "--data-dir", dataDir);
    assertThat(migrated.exitCode()).as(migrated.toString()).isZero();

    List<ProcessedRide> rides = new ArrayList<>(TestRides.generated(42, 2400));
    rides.addAll(TestRides.handmade());
    WarehouseConnection platform = stack.connections().warehouse();
    TestRides.stage(platform, rides);

    Path project = copyProject();
    PlatformCli.Result built =
        stack
            .cli()
            .withEnvironment(Map.of("PLATFORM_DATA_DIR", dataDir))
            .run(Duration.ofMinutes(10), "transform", "build", "--project-dir", project.toString());
    assertThat(built.exitCode()).as(built.toString()).isZero();
    assertThat(built.output()).contains("ERROR=0");

    execute(
        platform,
        """
        create table if not exists platform.pipeline_runs (
            run_id bigserial primary key, pipeline text not null, run_key text not null,
            trigger text not null, logical_date timestamptz not null, state text not null,
            queued_at timestamptz not null default now(), started_at timestamptz,
            ended_at timestamptz, unique (pipeline, run_key))""",
        """
        insert into platform.pipeline_runs
            (pipeline, run_key, trigger, logical_date, state, queued_at, started_at, ended_at)
        values ('platform_pipeline', 'manual__1', 'manual', '2026-11-27T06:00:00Z', 'success',
                '2026-11-27T06:00:00Z', '2026-11-27T06:00:01Z', '2026-11-27T06:04:10Z')""",
        "create schema if not exists " + EMPTY_MARTS);
    for (String mart :
        List.of(
            "daily_hours",
            "daily_zones",
            "daily_payments",
            "daily_categories",
            "daily_borough_flows")) {
      execute(
          platform,
          "create table if not exists %s.%s (like public_marts.%s)"
              .formatted(EMPTY_MARTS, mart, mart));
    }
    return new MartsFixture(stack, List.copyOf(rides));
  }

  /** Runs statements as the platform's login. */
  public static void execute(WarehouseConnection warehouse, String... statements) {
    try (Connection connection = warehouse.open();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path copyProject() {
    try {
      return ProjectCopy.of(PlatformHome.locate().resolve("dbt"), "dashboard-dbt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
