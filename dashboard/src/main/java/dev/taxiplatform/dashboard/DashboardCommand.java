package dev.taxiplatform.dashboard;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.DashboardSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.process.GracefulShutdown;
import dev.taxiplatform.core.process.SupervisorWatchdog;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.dashboard.data.MartQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform dashboard}: the analytics web app over the marts, until stopped. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the analytics dashboard on server.bind-host (default 127.0.0.1): a page of charts over the marts (KPIs, top"
          + " zones, payment methods, hourly pattern, distance and fare categories, borough"
          + " flows, data freshness) with a date filter and CSV downloads; the JSON API under"
          + " /api; /metrics and /health.",
      "It queries the warehouse as its read-only role (dashboard.user). `platform up` runs it as"
          + " a service of the local stack."
    })
public final class DashboardCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardCommand.class);

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--port",
      description = "Port of the page and API (default: dashboard.port, 8501).")
  private Integer port;

  @Override
  public Integer call() throws Exception {
    List<ConfigOverrides.Flag> flags = new ArrayList<>();
    if (port != null) {
      flags.add(new ConfigOverrides.Flag(DashboardSettings.PORT.name(), port.toString(), "--port"));
    }
    PlatformConfig config = configOptions.load(flags);
    DashboardSettings settings = config.dashboard();
    Connections connections = new Connections(config);
    WarehouseConnection reader =
        connections
            .warehouseReader()
            .orElseGet(
                () -> {
                  WarehouseConnection login = connections.warehouse();
                  LOG.warn(
                      "No password for the read-only role {} (set dashboard.password /"
                          + " DASHBOARD_PASSWORD): querying as {} instead, in read-only sessions.",
                      settings.user(),
                      login.user());
                  return login;
                });
    DashboardServer server =
        DashboardServer.start(
            new DashboardServer.Options(
                reader,
                MartQueries.MARTS_SCHEMA,
                config.server().bindHost(),
                settings.port(),
                settings.poolSize(),
                settings.refreshInterval(),
                new OrchestratorLink(settings.orchestratorUrl(), new StackLayout(config.dataDir())),
                config.platform().timeZone()));
    CountDownLatch stopped = new CountDownLatch(1);
    GracefulShutdown.onExit(
        "dashboard",
        config.server().shutdownTimeout(),
        () -> {
          try {
            server.close();
          } finally {
            stopped.countDown();
          }
        });
    SupervisorWatchdog.startIfSupervised();
    System.out.printf(
        "Dashboard serving %s (warehouse %s as %s)%n",
        server.url(), reader.jdbcUrl(), reader.user());
    stopped.await();
    return ExitCodes.SUCCESS;
  }
}
