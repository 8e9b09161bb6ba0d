package dev.taxiplatform.ingest.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code platform ingest-bench}: placeholder until the benchmark lands. */
@Command(name = "ingest-bench", mixinStandardHelpOptions = true, description = "Benchmark ingest.")
public final class IngestBenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
