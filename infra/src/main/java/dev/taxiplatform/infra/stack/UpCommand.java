package dev.taxiplatform.infra.stack;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.stack.StackLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform up}: starts the local stack and runs it until Ctrl-C (or in the background). */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the local stack: embedded Kafka, S3 and PostgreSQL (unless configured to use existing"
          + " servers) and the platform's services, each as its own process.",
      "Waits until everything is healthy, prints where each piece listens, then runs until Ctrl-C."
          + " With --detach it runs in the background; stop it with `platform down`."
    })
public final class UpCommand implements Callable<Integer> {
  static final String DETACHED_VARIABLE = "PLATFORM_STACK_DETACHED";
  static final String PRODUCER_SERVICE = "producer";

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = {"-d", "--detach"},
      description = "Run the stack in the background and return once it is ready.")
  private boolean detach;

  @Option(
      names = "--infrastructure-only",
      description = "Start only Kafka, S3 and PostgreSQL, not the platform's services.")
  private boolean infrastructureOnly;

  @Option(
      names = "--with",
      paramLabel = "SERVICE",
      description =
          "Also run this optional service (repeatable), e.g. --with producer; --with monitoring"
              + " runs Prometheus (with the alert rules), a Pushgateway and a PostgreSQL exporter.")
  private List<String> with = new ArrayList<>();

  @Option(
      names = "--produce",
      description =
          "Also run a ride producer at producer.events-per-second (same as --with producer).")
  private boolean produce;

  @Override
  public Integer call() {
    PlatformConfig config = configOptions.load();
    StackLayout layout = new StackLayout(config.dataDir());
    ComponentCatalog catalog = ComponentCatalog.discover(PlatformHome.locate());
    ComponentLauncher launcher = new ComponentLauncher(PlatformHome.locate());
    Set<String> optional = optionalServices(catalog);
    if (detach) {
      List<String> arguments = new ArrayList<>(configOptions.asArguments(layout.dataDir()));
      optional.forEach(
          name -> {
            arguments.add("--with");
            arguments.add(name);
          });
      if (infrastructureOnly) {
        arguments.add("--infrastructure-only");
      }
      return new DetachedStart(config, layout, catalog, launcher, System.out).run(arguments);
    }
    return runInForeground(
        config,
        layout,
        new StackPlanner(
            config,
            catalog,
            launcher,
            !infrastructureOnly,
            optional,
            configOptions.asArguments(layout.dataDir())));
  }

  private Set<String> optionalServices(ComponentCatalog catalog) {
    Set<String> requested = new TreeSet<>(with);
    if (produce) {
      requested.add(PRODUCER_SERVICE);
    }
    Set<String> known = new TreeSet<>();
    known.add(MonitoringServices.NAME);
    catalog.services().stream()
        .filter(s -> s.service().optional())
        .forEach(s -> known.add(s.service().name()));
    for (String name : requested) {
      if (!known.contains(name)) {
        throw PlatformException.usage(
            "No optional service \"%s\" in the built components; optional services: %s."
                .formatted(name, known.isEmpty() ? "none" : String.join(", ", known)));
      }
    }
    return requested;
  }

  @SuppressWarnings("try") // the lock is held, unused, for the stack's whole life
  private static int runInForeground(
      PlatformConfig config, StackLayout layout, StackPlanner planner) {
    try (StackLock lock = StackLock.acquire(layout)) {
      Leftovers.stop(layout, System.out);
      StackSupervisor supervisor = new StackSupervisor(config, planner, System.out);
      Thread shutdownHook = new Thread(supervisor::stop, "stack-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      try {
        supervisor.start();
      } catch (RuntimeException e) {
        supervisor.fail(e.getMessage() == null ? e.toString() : e.getMessage());
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        if (e instanceof PlatformException) {
          throw e;
        }
        throw new PlatformException(ExitCodes.UNAVAILABLE, "The stack failed to start: " + e, e);
      }
      if (System.getenv(DETACHED_VARIABLE) == null) {
        System.out.println("Running. Stop with Ctrl-C (or `./platform down` from another shell).");
        System.out.flush();
      }
      supervisor.monitor();
      return ExitCodes.SUCCESS;
    }
  }
}
