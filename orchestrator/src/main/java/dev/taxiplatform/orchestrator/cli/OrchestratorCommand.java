package dev.taxiplatform.orchestrator.cli;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.config.ConfigOverrides;
import dev.taxiplatform.core.config.OrchestratorSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.process.GracefulShutdown;
import dev.taxiplatform.core.process.SupervisorWatchdog;
import dev.taxiplatform.orchestrator.OrchestratorRuntime;
import dev.taxiplatform.orchestrator.OrchestratorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform orchestrator}: the scheduler, executor, REST API and UI, until stopped. */
@Command(
    name = "orchestrator",
    mixinStandardHelpOptions = true,
    description = {
      "Run the orchestrator: fires schedules, runs queued pipeline runs, serves the web UI and the"
          + " REST API (/api), /metrics and /health on server.bind-host (default 127.0.0.1).",
      "`platform up` runs it as a service of the local stack."
    })
public final class OrchestratorCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--port",
      description = "Port of the UI and API (default: orchestrator.port, 8080).")
  private Integer port;

  @Override
  public Integer call() throws Exception {
    List<ConfigOverrides.Flag> flags = new ArrayList<>();
    if (port != null) {
      flags.add(
          new ConfigOverrides.Flag(OrchestratorSettings.PORT.name(), port.toString(), "--port"));
    }
    PlatformConfig config = configOptions.load(flags);
    OrchestratorRuntime runtime = OrchestratorRuntime.create(config);
    OrchestratorService service = OrchestratorService.start(runtime);
    CountDownLatch stopped = new CountDownLatch(1);
    GracefulShutdown.onExit(
        "orchestrator",
        config.server().shutdownTimeout(),
        () -> {
          try {
            service.close();
            runtime.close();
          } finally {
            stopped.countDown();
          }
        });
    SupervisorWatchdog.startIfSupervised();
    System.out.printf(
        "Orchestrator serving http://%s:%d (pipelines: %s)%n",
        config.server().bindHost(),
        service.port(),
        String.join(", ", runtime.pipelines().keySet()));
    stopped.await();
    return ExitCodes.SUCCESS;
  }
}
