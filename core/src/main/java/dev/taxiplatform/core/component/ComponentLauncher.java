package dev.taxiplatform.core.component;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the process that runs a component: this JVM's {@code java}, the component's classpath and
 * its class data archive ({@link ClassDataSharing}).
 */
public final class ComponentLauncher {
  private static final int PROGRAM_ARGUMENTS = 2;

  private final Path platformHome;
  private final Path java;
  private final ClassDataSharing classData;

  public ComponentLauncher(Path platformHome) {
    this(
        platformHome,
        Path.of(System.getProperty("java.home"), "bin", "java"),
        ClassDataSharing.forHome(platformHome, System.getenv()));
  }

  ComponentLauncher(Path platformHome, Path java, ClassDataSharing classData) {
    this.platformHome = requireNonNull(platformHome, "platformHome");
    this.java = requireNonNull(java, "java");
    this.classData = requireNonNull(classData, "classData");
  }

  /**
   * A process builder running {@code component} with {@code args}; it maps the component's class
   * data archive when there is one, and never records one (for processes no caller waits for:
   * services, background commands).
   *
   * @param extraJvmOptions JVM options added after the component's own (so they win)
   */
  public ProcessBuilder processBuilder(
      ComponentDescriptor component, List<String> extraJvmOptions, List<String> args) {
    return launch(component, extraJvmOptions, args, false).builder();
  }

  /**
   * Like {@link #processBuilder}, for a caller that waits for the process: when the program has no
   * class data archive yet, its JVM lists the classes it loads, and {@link ComponentLaunch#ended}
   * dumps them into one if it ends well.
   */
  public ComponentLaunch recordingLaunch(
      ComponentDescriptor component, List<String> extraJvmOptions, List<String> args) {
    return launch(component, extraJvmOptions, args, true);
  }

  private ComponentLaunch launch(
      ComponentDescriptor component,
      List<String> extraJvmOptions,
      List<String> args,
      boolean record) {
    String program = program(component, args);
    ClassDataSharing.Plan plan = classData.plan(program, java, component.classpath(), record);
    List<String> jvmOptions = new ArrayList<>(plan.jvmOptions());
    jvmOptions.addAll(extraJvmOptions);
    ProcessBuilder builder = new ProcessBuilder(command(component, jvmOptions, args));
    builder.environment().put(PlatformHome.VARIABLE, platformHome.toString());
    return new ComponentLaunch(builder, exitCode -> classData.ended(program, plan, exitCode));
  }

  /**
   * The program {@code args} run, named by the component and up to two leading arguments before the
   * first option ({@code warehouse.load}, {@code infra.server-kafka}, {@code
   * transform.transform-run}): each has its own class data archive, since a client's classes are
   * not its server's. Later arguments are values (a run's id), which would make an archive each.
   */
  static String program(ComponentDescriptor component, List<String> args) {
    List<String> names =
        args.stream()
            .limit(PROGRAM_ARGUMENTS)
            .takeWhile(arg -> !arg.startsWith("-"))
            .map(arg -> arg.replaceAll("[^A-Za-z0-9-]", "_"))
            .map(name -> name.substring(0, Math.min(name.length(), 40)))
            .toList();
    return names.isEmpty() ? component.name() : component.name() + "." + String.join("-", names);
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
    command.add(joined(component.classpath()));
    command.add(component.mainClass());
    command.addAll(args);
    return command;
  }

  /** A classpath as {@code java -cp} takes it. */
  static String joined(List<Path> classpath) {
    return classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }
}
