package dev.taxiplatform.transform.cli;

import dev.taxiplatform.transform.bench.TransformBenchmark;
import java.time.Clock;
import java.util.Arrays;

/**
 * Entry point. As a platform component it receives {@code transform <command> ...} or {@code
 * bench-transform ...}; as its own CLI, {@code <command> ...}. Exit codes: 0 success, 1 a node
 * failed, 2 bad usage or configuration, 3 database unreachable.
 */
public final class TransformMain {
  private TransformMain() {}

  public static void main(String[] args) {
    String[] rest =
        args.length > 0 && args[0].equals("transform")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    int code =
        args.length > 0 && args[0].equals("bench-transform")
            ? TransformBenchmark.run(System.getenv(), Arrays.copyOfRange(args, 1, args.length))
            : new TransformCli(System.out, System.getenv(), Clock.systemUTC()).execute(rest);
    System.exit(code);
  }
}
