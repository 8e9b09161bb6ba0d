package dev.taxiplatform.cli;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.cli.TextTable;
import dev.taxiplatform.core.component.ComponentCatalog;
import dev.taxiplatform.core.component.ComponentDescriptor;
import dev.taxiplatform.core.component.ComponentLauncher;
import dev.taxiplatform.core.component.PlatformHome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code platform bench [NAME [ARGS…]]}: the benchmarks the built components offer, each run as its
 * component's own process. Each prints a table and writes {@code bench-results/<name>.json}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run a benchmark by name (without a name: list them). Each prints its figures next to a"
          + " reference measured in the same run and writes bench-results/<name>.json in the data"
          + " directory. Arguments after the name go to the benchmark (see its --help)."
    })
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The benchmark.")
  private String name;

  /** Everything after the name, options included, goes to the benchmark (stop at positional). */
  @Parameters(index = "1..*", paramLabel = "ARGS", description = "The benchmark's own arguments.")
  private List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() {
    ComponentCatalog catalog = ComponentCatalog.discover(PlatformHome.locate());
    if (name == null) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"BENCHMARK", "COMPONENT", "RUNS"});
      for (ComponentDescriptor component : catalog.components()) {
        for (Map.Entry<String, List<String>> benchmark : component.benchmarks().entrySet()) {
          rows.add(
              new String[] {
                benchmark.getKey(),
                component.name(),
                "platform " + String.join(" ", benchmark.getValue())
              });
        }
      }
      System.out.print(TextTable.render(rows));
      return ExitCodes.SUCCESS;
    }
    ComponentDescriptor component =
        catalog
            .forBenchmark(name)
            .orElseThrow(
                () ->
                    PlatformException.usage(
                        "No benchmark \"%s\"; `platform bench` lists them.".formatted(name)));
    List<String> command = new ArrayList<>(component.benchmarks().get(name));
    command.addAll(arguments);
    return new ComponentProcess(new ComponentLauncher(PlatformHome.locate()), component)
        .run(command);
  }
}
