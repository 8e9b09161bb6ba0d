package dev.taxiplatform.infra.stack;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.stack.StackLayout;
import dev.taxiplatform.core.stack.StackState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform reset}: deletes a data directory, after asking. */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "Delete the data directory: Kafka topics, S3 objects, the warehouse, logs, generated"
          + " credentials. Asks first unless --yes.",
      "Refuses while a stack runs on it, and refuses directories that are not platform data directories."
    })
public final class ResetCommand implements Callable<Integer> {
  /** What a platform data directory may contain; anything else means it is not one. */
  private static final Set<String> KNOWN_ENTRIES =
      Set.of(
          "run",
          "logs",
          "kafka",
          "s3",
          "postgres",
          "secrets.properties",
          "bench-results",
          "pipelines",
          "tmp");

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  private boolean yes;

  @Override
  public Integer call() {
    StackLayout layout = new StackLayout(configOptions.load().dataDir());
    Path dataDir = layout.dataDir();
    if (!Files.exists(dataDir)) {
      System.out.printf("Nothing to delete: %s does not exist.%n", dataDir);
      return ExitCodes.SUCCESS;
    }
    if (StackLock.isHeld(layout)
        || StackState.read(layout).map(StackState::supervisorAlive).orElse(false)) {
      throw PlatformException.usage(
          "A stack is running on %s. Stop it first with `./platform down`.".formatted(dataDir));
    }
    List<String> unknown = unknownEntries(dataDir);
    if (!unknown.isEmpty()) {
      throw PlatformException.usage(
          "%s does not look like a platform data directory (it holds %s); not deleting it."
              .formatted(dataDir, String.join(", ", unknown)));
    }
    if (!yes && !confirmed(dataDir)) {
      System.out.println("Nothing deleted.");
      return ExitCodes.SUCCESS;
    }
    deleteRecursively(dataDir);
    System.out.printf("Deleted %s.%n", dataDir);
    return ExitCodes.SUCCESS;
  }

  private static boolean confirmed(Path dataDir) {
    if (System.console() == null) {
      throw PlatformException.usage(
          "Not asking for confirmation without a terminal: add --yes to delete %s."
              .formatted(dataDir));
    }
    System.out.printf(
        "Delete %s and everything in it (Kafka topics, S3 objects, the warehouse)? [y/N] ",
        dataDir);
    System.out.flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return answer != null && Set.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> unknownEntries(Path dataDir) {
    try (Stream<Path> entries = Files.list(dataDir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> !KNOWN_ENTRIES.contains(name))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dataDir) {
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dataDir + ": " + e.getMessage(), e);
    }
  }
}
