package dev.taxiplatform.core.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class data archives, listed, dumped and mapped by real JVMs. */
class ClassDataSharingTest {
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final String PROBE = ClassDataProbe.class.getName();

  @TempDir Path home;
  private Path jar;
  private Path archives;

  @BeforeEach
  void platformHomeWithAJar() throws IOException {
    Files.createDirectories(home.resolve("target"));
    jar = home.resolve("probe.jar");
    writeProbeJar(jar, Instant.parse("2026-01-01T00:00:00Z"));
    archives = home.resolve("target").resolve(ClassDataSharing.DIRECTORY);
  }

  @Test
  void theFirstRunThatEndsWellListsItsClassesAndLaterRunsMapTheirArchive() throws Exception {
    ComponentLauncher launcher = launcher(Map.of());

    ComponentLaunch first = launcher.recordingLaunch(probe(List.of(jar)), List.of(), List.of("0"));
    assertThat(first.builder().command())
        .anyMatch(option -> option.startsWith("-XX:DumpLoadedClassList=" + archives));
    assertThat(run(first.builder())).isEqualTo(0);
    awaitDump(first.ended(0));

    List<String> files = files();
    assertThat(files).hasSize(1);
    assertThat(files.get(0)).matches("probe\\.0-[0-9a-f]{16}\\.jsa");

    ProcessBuilder second =
        launcher.processBuilder(
            probe(List.of(jar)), List.of("-Xlog:class+load=info"), List.of("0"));
    assertThat(second.command())
        .contains("-XX:SharedArchiveFile=" + archives.resolve(files.get(0)));
    String output = output(second);
    assertThat(output).contains("probe ran");
    assertThat(output.lines().filter(line -> line.contains(" " + PROBE + " ")))
        .singleElement()
        .asString()
        .contains("source: shared objects file");
  }

  @Test
  void aRunThatFailsLeavesNothing() throws Exception {
    ComponentLaunch launch =
        launcher(Map.of()).recordingLaunch(probe(List.of(jar)), List.of(), List.of("3"));

    assertThat(run(launch.builder())).isEqualTo(3);

    assertThat(launch.ended(3)).isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void oneDumpAtATime() throws Exception {
    ComponentLauncher launcher = launcher(Map.of());
    ComponentLaunch one = launcher.recordingLaunch(probe(List.of(jar)), List.of(), List.of("0"));
    ComponentLaunch other = launcher.recordingLaunch(probe(List.of(jar)), List.of(), List.of("0"));
    assertThat(run(one.builder())).isEqualTo(0);
    assertThat(run(other.builder())).isEqualTo(0);

    Optional<Process> dump = one.ended(0);
    assertThat(other.ended(0)).isEmpty();
    awaitDump(dump);

    assertThat(files()).singleElement().asString().endsWith(".jsa");
  }

  @Test
  void aRebuiltJarIsRecordedAgainAndItsArchiveReplacesTheOldOne() throws Exception {
    ComponentLauncher launcher = launcher(Map.of());
    ComponentLaunch first = launcher.recordingLaunch(probe(List.of(jar)), List.of(), List.of("0"));
    awaitDump(first.ended(run(first.builder())));
    List<String> before = files();

    writeProbeJar(jar, Instant.parse("2026-02-01T00:00:00Z"));
    ComponentLaunch rebuilt =
        launcher.recordingLaunch(probe(List.of(jar)), List.of(), List.of("0"));
    assertThat(rebuilt.builder().command())
        .anyMatch(option -> option.startsWith("-XX:DumpLoadedClassList="))
        .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile="));
    awaitDump(rebuilt.ended(run(rebuilt.builder())));

    List<String> after = files();
    assertThat(before).hasSize(1);
    assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
  }

  @Test
  void noArchiveForADirectoryOnTheClasspathNorWhenTurnedOffNorOutsideASourceTree()
      throws Exception {
    Path classes = Files.createDirectories(home.resolve("classes"));
    assertThat(recordingOptions(launcher(Map.of()), List.of(classes, jar))).isEmpty();
    assertThat(recordingOptions(launcher(Map.of(ClassDataSharing.VARIABLE, "off")), List.of(jar)))
        .isEmpty();
    Files.delete(home.resolve("target"));
    assertThat(recordingOptions(launcher(Map.of()), List.of(jar))).isEmpty();
  }

  private static void awaitDump(Optional<Process> dump) throws InterruptedException {
    assertThat(dump).isPresent();
    assertThat(dump.get().waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  private static List<String> recordingOptions(ComponentLauncher launcher, List<Path> classpath) {
    return launcher
        .recordingLaunch(probe(classpath), List.of(), List.of("0"))
        .builder()
        .command()
        .stream()
        .filter(option -> option.startsWith("-XX:") || option.startsWith("-Xlog:"))
        .toList();
  }

  private ComponentLauncher launcher(Map<String, String> environment) {
    return new ComponentLauncher(home, JAVA, ClassDataSharing.forHome(home, environment));
  }

  private static ComponentDescriptor probe(List<Path> classpath) {
    return new ComponentDescriptor(
        "probe", PROBE, classpath, List.of(), List.of(), List.of(), List.of(), Map.of());
  }

  private List<String> files() throws IOException {
    if (!Files.isDirectory(archives)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(archives)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  private static int run(ProcessBuilder builder) throws Exception {
    return builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }

  private static String output(ProcessBuilder builder) throws Exception {
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isEqualTo(0);
    return output;
  }

  /** A jar holding the probe class, last modified at {@code modified}. */
  private static void writeProbeJar(Path jar, Instant modified) throws IOException {
    String entry = PROBE.replace('.', '/') + ".class";
    byte[] bytes;
    try (var in = ClassDataProbe.class.getClassLoader().getResourceAsStream(entry)) {
      bytes = in.readAllBytes();
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry(entry));
      jarOut.write(bytes);
      jarOut.closeEntry();
    }
    Files.setLastModifiedTime(jar, FileTime.from(modified));
  }
}
