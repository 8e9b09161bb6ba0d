package dev.taxiplatform.deploy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The maximum heap each {@code platform} command's JVM runs with, from the components' descriptors.
 */
final class ComponentHeaps {
  private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG])");

  private final Map<String, Long> heapByCommand;

  private ComponentHeaps(Map<String, Long> heapByCommand) {
    this.heapByCommand = Map.copyOf(requireNonNull(heapByCommand, "heapByCommand"));
  }

  /**
   * Reads every module's {@code src/main/component/component.properties} under the project root.
   */
  static ComponentHeaps of(Path projectRoot) {
    Map<String, Long> heaps = new HashMap<>();
    try (Stream<Path> modules = Files.list(projectRoot)) {
      for (Path descriptor :
          modules
              .map(m -> m.resolve("src/main/component/component.properties"))
              .filter(Files::isRegularFile)
              .toList()) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(descriptor)) {
          properties.load(reader);
        }
        Matcher xmx = XMX.matcher(properties.getProperty("jvm-options", ""));
        if (!xmx.find()) {
          continue;
        }
        long bytes =
            Long.parseLong(xmx.group(1))
                * switch (xmx.group(2).toLowerCase()) {
                  case "k" -> 1L << 10;
                  case "m" -> 1L << 20;
                  default -> 1L << 30;
                };
        for (String command : properties.getProperty("commands", "").split(",")) {
          if (!command.isBlank()) {
            heaps.put(command.trim(), bytes);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ComponentHeaps(heaps);
  }

  static ComponentHeaps ofProject() {
    return of(
        ChartRenderer.ofProject()
            .chart()
            .toAbsolutePath()
            .normalize()
            .getParent()
            .getParent()
            .getParent());
  }

  /** The heap of the JVM running {@code platform <command>}, when its component sets one. */
  Optional<Long> heap(String command) {
    return Optional.ofNullable(heapByCommand.get(command));
  }
}
