package dev.taxiplatform.core.component;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The components found in a platform installation. Each module that is a component has, once built,
 * a directory {@code <module>/target/component/} holding {@code component.properties} (its
 * descriptor) and {@code classpath} (its runtime classpath). An installed platform (the container
 * image) holds the same directories as {@code components/<name>/}, with paths relative to each
 * directory. Adding a module adds its commands; nothing else changes. In a source tree, a
 * descriptor's {@code packaged-classes} (the module's jar) runs instead of its {@code classes}
 * directory when it is current ({@link PackagedClasses}).
 */
public final class ComponentCatalog {
  static final String DESCRIPTOR = "component.properties";
  static final String CLASSPATH = "classpath";
  static final String INSTALLED = "components";

  private final List<ComponentDescriptor> components;
  private final Map<String, ComponentDescriptor> byCommand;

  ComponentCatalog(List<ComponentDescriptor> components) {
    this.components = List.copyOf(components);
    this.byCommand = indexCommands(components);
  }

  /**
   * Discovers the components installed under {@code platformHome/components/}, or else those built
   * in the source tree at {@code platformHome}.
   */
  public static ComponentCatalog discover(Path platformHome) {
    Path installed = platformHome.resolve(INSTALLED);
    List<ComponentDescriptor> found =
        Files.isDirectory(installed)
            ? componentsIn(installed, directory -> directory)
            : componentsIn(platformHome, module -> module.resolve("target").resolve("component"));
    if (found.isEmpty()) {
      throw new PlatformException(
          ExitCodes.USAGE,
          "No built components under %s. Build the platform first: ./platform builds on first use,"
                  .formatted(platformHome)
              + " or run `mvn -q package -DskipTests` there.");
    }
    return new ComponentCatalog(found);
  }

  private static List<ComponentDescriptor> componentsIn(
      Path parent, UnaryOperator<Path> componentDirectory) {
    List<ComponentDescriptor> found = new ArrayList<>();
    try (Stream<Path> children = Files.list(parent)) {
      for (Path child : children.sorted().toList()) {
        Path directory = componentDirectory.apply(child);
        if (Files.isRegularFile(directory.resolve(DESCRIPTOR))) {
          found.add(read(directory));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Reads one component directory. */
  static ComponentDescriptor read(Path directory) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(directory.resolve(DESCRIPTOR))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = required(properties, "name", directory);
    List<Path> classpath = new ArrayList<>();
    classpath.add(
        PackagedClasses.choose(
            directory.resolve(required(properties, "classes", directory)).normalize(),
            Optional.ofNullable(properties.getProperty("packaged-classes"))
                .map(jar -> directory.resolve(jar).normalize())));
    classpath.addAll(readClasspath(directory));
    List<ComponentDescriptor.Command> commands =
        list(properties.getProperty("commands", "")).stream()
            .map(
                c -> new ComponentDescriptor.Command(c, properties.getProperty("command." + c, "")))
            .toList();
    List<ComponentDescriptor.Service> services =
        list(properties.getProperty("services", "")).stream()
            .map(s -> service(properties, s, directory))
            .sorted(Comparator.comparingInt(ComponentDescriptor.Service::order))
            .toList();
    return new ComponentDescriptor(
        name,
        required(properties, "main-class", directory),
        classpath,
        words(properties.getProperty("jvm-options", "")),
        commands,
        services,
        list(properties.getProperty("connections", "")),
        benchmarks(properties));
  }

  public List<ComponentDescriptor> components() {
    return components;
  }

  /** The component serving a top-level command. */
  public Optional<ComponentDescriptor> forCommand(String command) {
    return Optional.ofNullable(byCommand.get(command));
  }

  /** The component with the given name. */
  public Optional<ComponentDescriptor> named(String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Every service of every component, in start order. */
  public List<ServiceOfComponent> services() {
    return components.stream()
        .flatMap(c -> c.services().stream().map(s -> new ServiceOfComponent(c, s)))
        .sorted(Comparator.comparingInt(s -> s.service().order()))
        .toList();
  }

  /**
   * A service together with the component that provides it.
   *
   * @param component the component
   * @param service the service
   */
  public record ServiceOfComponent(
      ComponentDescriptor component, ComponentDescriptor.Service service) {}

  private static ComponentDescriptor.Service service(
      Properties properties, String name, Path directory) {
    String prefix = "service." + name + ".";
    String port = required(properties, prefix + "port", directory);
    return new ComponentDescriptor.Service(
        name,
        words(required(properties, prefix + "args", directory)),
        Integer.parseInt(port.trim()),
        Optional.ofNullable(properties.getProperty(prefix + "port-key")).map(String::trim),
        Integer.parseInt(properties.getProperty(prefix + "order", "100").trim()),
        properties.getProperty(prefix + "description", ""),
        Boolean.parseBoolean(properties.getProperty(prefix + "optional", "false").trim()));
  }

  private static Map<String, List<String>> benchmarks(Properties properties) {
    Map<String, List<String>> benchmarks = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
      if (key.startsWith("bench.")) {
        benchmarks.put(key.substring("bench.".length()), words(properties.getProperty(key)));
      }
    }
    return benchmarks;
  }

  /** The component offering the benchmark {@code name}. */
  public Optional<ComponentDescriptor> forBenchmark(String name) {
    return components.stream().filter(c -> c.benchmarks().containsKey(name)).findFirst();
  }

  private static List<Path> readClasspath(Path directory) {
    Path file = directory.resolve(CLASSPATH);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      String text = Files.readString(file).trim();
      if (text.isEmpty()) {
        return List.of();
      }
      return Arrays.stream(text.split(java.io.File.pathSeparator))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(s -> directory.resolve(s).normalize())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(Properties properties, String key, Path directory) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "Component descriptor %s lacks \"%s\"".formatted(directory.resolve(DESCRIPTOR), key));
    }
    return value.trim();
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static Map<String, ComponentDescriptor> indexCommands(
      List<ComponentDescriptor> components) {
    Map<String, ComponentDescriptor> index = new LinkedHashMap<>();
    for (ComponentDescriptor component : components) {
      for (ComponentDescriptor.Command command : component.commands()) {
        ComponentDescriptor previous = index.put(command.name(), component);
        if (previous != null) {
          throw new IllegalStateException(
              "Command \"%s\" is claimed by both %s and %s"
                  .formatted(command.name(), previous.name(), component.name()));
        }
      }
    }
    return index;
  }
}
