package dev.taxiplatform.core.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagedClassesTest {
  private static final FileTime COMPILED = FileTime.from(Instant.parse("2026-03-01T10:00:00Z"));

  @TempDir Path module;

  @Test
  void theJarWhenNothingInTheClassesIsNewerElseTheClasses() throws Exception {
    Path classes = Files.createDirectories(module.resolve("classes/dev/example"));
    Path main = Files.writeString(classes.resolve("Main.class"), "compiled");
    Files.setLastModifiedTime(main, COMPILED);
    Path jar = Files.writeString(module.resolve("example.jar"), "packaged");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-03-01T10:00:05Z")));
    Path root = module.resolve("classes");

    assertThat(PackagedClasses.choose(root, Optional.of(jar))).isEqualTo(jar);
    assertThat(PackagedClasses.choose(root, Optional.empty())).isEqualTo(root);
    assertThat(PackagedClasses.choose(root, Optional.of(module.resolve("absent.jar"))))
        .isEqualTo(root);

    // Compiled again after packaging: the jar is stale.
    Files.setLastModifiedTime(main, FileTime.from(Instant.parse("2026-03-01T10:00:09Z")));
    assertThat(PackagedClasses.choose(root, Optional.of(jar))).isEqualTo(root);
  }

  @Test
  void theCatalogLaunchesTheCurrentJar() throws Exception {
    Path component = Files.createDirectories(module.resolve("target/component"));
    Path classes = Files.createDirectories(module.resolve("target/classes"));
    Files.setLastModifiedTime(Files.writeString(classes.resolve("A.class"), "a"), COMPILED);
    Path jar = Files.writeString(module.resolve("target/example-1.jar"), "jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-03-01T10:00:01Z")));
    Files.writeString(
        component.resolve(ComponentCatalog.DESCRIPTOR),
        """
        name=example
        main-class=dev.example.Main
        classes=%s
        packaged-classes=%s
        """
            .formatted(classes, jar));
    Files.writeString(component.resolve(ComponentCatalog.CLASSPATH), "/lib/a.jar");

    assertThat(ComponentCatalog.read(component).classpath())
        .containsExactly(jar, Path.of("/lib/a.jar"));
  }
}
