package dev.taxiplatform.core.component;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class data archives for components' JVMs (the JDK's class data sharing): a program's JVM (a
 * component's command) maps an archive of the classes it needs, already parsed and verified,
 * instead of loading them from its jars. A command's JVM spends most of its start loading thousands
 * of classes (the AWS SDK, Kafka, Jackson, Flyway), so a short command such as {@code platform
 * load} starts in a third of the time.
 *
 * <p>The first run of a program that ends well lists the classes it loaded; a background JVM then
 * dumps them into the archive, so no run waits for the dump. The archive's name carries a
 * fingerprint of the JDK and of every classpath jar (path, size, modification time): a rebuild or
 * another JDK records a new one, and its dump removes the program's older ones. The dump writes a
 * temporary file and renames it into place, so no JVM ever maps a partly written archive (the JDK
 * would crash on it). Archives live in the source tree's {@code target/class-data/} and are used
 * only when every classpath entry is a jar (the JDK cannot share classes from directories). Setting
 * {@value #VARIABLE} to {@code off} turns them off.
 */
public final class ClassDataSharing {
  /** Environment variable: {@code off} disables class data archives. */
  public static final String VARIABLE = "PLATFORM_CLASS_DATA_SHARING";

  static final String DIRECTORY = "class-data";
  private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final String ARCHIVE_SUFFIX = ".jsa";
  private static final String CLASS_LIST_SUFFIX = ".classlist";
  private static final String DUMPING_SUFFIX = ".dumping";
  // A dump takes seconds; a marker this old belongs to one that died.
  private static final Duration STALE = Duration.ofMinutes(10);
  // Exit codes after which the class list is whole: the JVM ended by itself, or a SIGTERM stopped
  // it. A crash or a SIGKILL may have cut it short.
  private static final Set<Integer> ENDED_WELL = Set.of(0, 143);
  // The JDK logs why it could not use an archive; the JVM then loads its classes as before.
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  // Dumps the listed classes into a temporary file, renames it into place, tidies up.
  private static final String DUMP_SCRIPT =
      "\"$0\" -Xshare:dump -Xlog:cds=off -XX:SharedClassListFile=\"$1\""
          + " -XX:SharedArchiveFile=\"$2\" -cp \"$4\" >/dev/null 2>&1 && mv -f \"$2\" \"$3\";"
          + " rm -f \"$1\" \"$2\" \"$5\"";

  private final Optional<Path> directory;

  ClassDataSharing(Optional<Path> directory) {
    this.directory = requireNonNull(directory, "directory");
  }

  /**
   * Archives under {@code platformHome/target/class-data/} in a source tree; none in an installed
   * platform (no {@code target/}) or when {@code environment} sets {@value #VARIABLE} to {@code
   * off}.
   */
  static ClassDataSharing forHome(Path platformHome, Map<String, String> environment) {
    Path target = platformHome.resolve("target");
    boolean off = "off".equalsIgnoreCase(environment.getOrDefault(VARIABLE, "").trim());
    return new ClassDataSharing(
        off || !Files.isDirectory(target)
            ? Optional.empty()
            : Optional.of(target.resolve(DIRECTORY)));
  }

  /**
   * What one launch of {@code program} does: map its archive when there is one; else, when {@code
   * record} is set and no dump of it is under way, list the classes it loads.
   */
  Plan plan(String program, Path java, List<Path> classpath, boolean record) {
    if (directory.isEmpty() || !classpath.stream().allMatch(ClassDataSharing::isJar)) {
      return Plan.NONE;
    }
    Optional<String> fingerprint = fingerprint(java, classpath);
    if (fingerprint.isEmpty()) {
      return Plan.NONE;
    }
    Path archive = directory.get().resolve(program + "-" + fingerprint.get() + ARCHIVE_SUFFIX);
    if (Files.isRegularFile(archive)) {
      List<String> options = new ArrayList<>(QUIET);
      options.add("-XX:SharedArchiveFile=" + archive);
      return new Plan(options, Optional.empty(), archive, java, classpath);
    }
    if (!record || fresh(dumping(archive))) {
      return Plan.NONE;
    }
    try {
      Files.createDirectories(directory.get());
    } catch (IOException e) {
      return Plan.NONE;
    }
    Path classList =
        directory
            .get()
            .resolve(archive.getFileName() + "." + UUID.randomUUID() + CLASS_LIST_SUFFIX);
    return new Plan(
        List.of("-XX:DumpLoadedClassList=" + classList),
        Optional.of(classList),
        archive,
        java,
        classpath);
  }

  /**
   * After a launch's process ended: when it listed its classes and ended well, starts the
   * background dump of its archive and returns it; else drops the list. Never fails: without an
   * archive the next run records again.
   */
  Optional<Process> ended(String program, Plan plan, int exitCode) {
    if (plan.classList().isEmpty()) {
      return Optional.empty();
    }
    Path classList = plan.classList().get();
    Path marker = dumping(plan.archive());
    try {
      if (!ENDED_WELL.contains(exitCode) || !Files.isRegularFile(classList) || !claim(marker)) {
        Files.deleteIfExists(classList);
        return Optional.empty();
      }
      removeOlderArchives(program, plan.archive());
      Path temporary = Path.of(plan.archive() + "." + UUID.randomUUID() + ".tmp");
      List<String> command = new ArrayList<>();
      if (Files.isExecutable(SETSID)) {
        // Its own session: a Ctrl-C meant for the command does not cut the dump short.
        command.add(SETSID.toString());
      }
      command.addAll(
          List.of(
              "/bin/sh",
              "-c",
              DUMP_SCRIPT,
              plan.java().toString(),
              classList.toString(),
              temporary.toString(),
              plan.archive().toString(),
              ComponentLauncher.joined(plan.classpath()),
              marker.toString()));
      return Optional.of(
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start());
    } catch (IOException e) {
      LOG.debug("No class data archive from {}: {}", classList, e.toString());
      try {
        Files.deleteIfExists(classList);
        Files.deleteIfExists(marker);
      } catch (IOException ignored) {
        // A stale marker is ignored later; the next run lists its classes again.
      }
      return Optional.empty();
    }
  }

  /** Takes the right to dump: creates the marker unless a fresh one exists. */
  private static boolean claim(Path marker) throws IOException {
    if (fresh(marker)) {
      return false;
    }
    Files.deleteIfExists(marker);
    try {
      Files.createFile(marker);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private static boolean fresh(Path file) {
    try {
      return Files.getLastModifiedTime(file).compareTo(FileTime.from(Instant.now().minus(STALE)))
          > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path dumping(Path archive) {
    return Path.of(archive + DUMPING_SUFFIX);
  }

  /**
   * Removes the program's archives of other fingerprints (earlier builds, another JDK) and its
   * stale class lists (of runs whose launching process died before they ended).
   */
  private static void removeOlderArchives(String program, Path current) throws IOException {
    Pattern archiveOfProgram = Pattern.compile(Pattern.quote(program) + "-[0-9a-f]{16}\\.jsa");
    Pattern classListOfProgram =
        Pattern.compile(Pattern.quote(program) + "-[0-9a-f]{16}\\.jsa\\.[0-9a-f-]+\\.classlist");
    try (Stream<Path> files = Files.list(current.getParent())) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        boolean olderArchive = !file.equals(current) && archiveOfProgram.matcher(name).matches();
        boolean staleClassList = classListOfProgram.matcher(name).matches() && !fresh(file);
        if (olderArchive || staleClassList) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static boolean isJar(Path entry) {
    return entry.getFileName() != null
        && entry.getFileName().toString().endsWith(".jar")
        && Files.isRegularFile(entry);
  }

  /** The JDK and every jar (path, size, modification time), hashed; empty if one is unreadable. */
  private static Optional<String> fingerprint(Path java, List<Path> classpath) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((java + "\n" + System.getProperty("java.vm.version") + "\n").getBytes(UTF_8));
      for (Path jar : classpath) {
        String entry =
            "%s %d %d%n".formatted(jar, Files.size(jar), Files.getLastModifiedTime(jar).toMillis());
        digest.update(entry.getBytes(UTF_8));
      }
      return Optional.of(HexFormat.of().formatHex(digest.digest(), 0, 8));
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One launch's part.
   *
   * @param jvmOptions options to add to its JVM
   * @param classList where its JVM lists the classes it loads, if it lists them
   * @param archive where the program's archive is (or goes)
   * @param java the JDK's {@code java}
   * @param classpath the launch's classpath, all jars
   */
  record Plan(
      List<String> jvmOptions,
      Optional<Path> classList,
      Path archive,
      Path java,
      List<Path> classpath) {
    static final Plan NONE =
        new Plan(List.of(), Optional.empty(), Path.of(""), Path.of(""), List.of());

    Plan {
      jvmOptions = List.copyOf(jvmOptions);
      requireNonNull(classList, "classList");
      requireNonNull(archive, "archive");
      requireNonNull(java, "java");
      classpath = List.copyOf(classpath);
    }
  }
}
