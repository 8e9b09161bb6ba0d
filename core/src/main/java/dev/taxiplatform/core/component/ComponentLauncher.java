package dev.taxiplatform.core.component;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the process that runs a component: this JVM's {@code java}, the component's classpath. */
public final class ComponentLauncher {
  private final Path platformHome;
  private final Path java;

  public ComponentLauncher(Path platformHome) {
    this(platformHome, Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  ComponentLauncher(Path platformHome, Path java) {
    this.platformHome = requireNonNull(platformHome, "platformHome");
    this.java = requireNonNull(java, "java");
  }

  /**
   * A process builder running {@code component} with {@code args}.
   *
   * @param extraJvmOptions JVM options added after the component's own (so they win)
   */
  public ProcessBuilder processBuilder(
      ComponentDescriptor component, List<String> extraJvmOptions, List<String> args) {
    ProcessBuilder builder = new ProcessBuilder(command(component, extraJvmOptions, args));
    builder.environment().put(PlatformHome.VARIABLE, platformHome.toString());
    return builder;
  }

  /** The command line running {@code component} with {@code args}. */
  public List<String> command(
      ComponentDescriptor component, List<String> extraJvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(component.jvmOptions());
    command.addAll(extraJvmOptions);
    command.add("-D" + PlatformHome.PROPERTY + "=" + platformHome);
    command.add("-cp");
    command.add(
        component.classpath().stream()
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator)));
    command.add(component.mainClass());
    command.addAll(args);
    return command;
  }
}
